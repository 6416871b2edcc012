/**
 * `Custom::CognitoProvisionedLimit`: the provisioned request rate of one API category for the
 * account and Region (UpdateProvisionedLimit). Delete puts back the free (default) rate so that
 * no paid capacity outlives the stack, unless another writer has set another rate since.
 */
import { GetProvisionedLimitCommand, UpdateProvisionedLimitCommand } from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, parseNumber, requireString } from '../shared/cfn-values';
import type { HandlerContext, RawProperties, ResourceModule } from '../shared/types';

export const PROVISIONED_LIMIT_RESOURCE_TYPE = 'Custom::CognitoProvisionedLimit';

export interface ProvisionedLimitSpec {
  readonly category: string;
  readonly requestsPerSecond: number;
}

export const provisionedLimitModule: ResourceModule<ProvisionedLimitSpec> = {
  resourceType: PROVISIONED_LIMIT_RESOURCE_TYPE,
  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),
  async onCreate(props, ctx) {
    await setLimit(props.category, props.requestsPerSecond, ctx);
    return { physicalId: physicalId(props) };
  },
  async onUpdate(props, oldProps, currentId, ctx) {
    if (oldProps === undefined) {
      // Unknown previous rate (unusable old properties): read the live one.
      const live = await ctx.cognito.send('UserPoolRead', new GetProvisionedLimitCommand({ LimitDefinition: definition(props.category) }));
      if (live.Limit?.ProvisionedLimitValue !== props.requestsPerSecond) await setLimit(props.category, props.requestsPerSecond, ctx);
      return { physicalId: physicalId(props) };
    }
    if (props.category === oldProps.category && props.requestsPerSecond === oldProps.requestsPerSecond) {
      return { physicalId: currentId };
    }
    await setLimit(props.category, props.requestsPerSecond, ctx);
    // Another category is a replacement: CloudFormation then resets the old one (delete).
    return { physicalId: physicalId(props) };
  },
  async onDelete(props, currentId, ctx) {
    // Unusable properties: the physical id `provisioned-limit/<category>` names the category.
    const category = props?.category ?? /^provisioned-limit\/(.+)$/.exec(currentId)?.[1];
    if (category === undefined) {
      ctx.log.info(`Nothing to reset: ${currentId} names no category`);
      return;
    }
    const res = await ctx.cognito.send('UserPoolRead', new GetProvisionedLimitCommand({ LimitDefinition: definition(category) }));
    const free = res.Limit?.FreeLimitValue;
    const live = res.Limit?.ProvisionedLimitValue;
    if (free === undefined || live === free) return;
    // A rate other than the declared one was set since by another writer (a stack, an operator):
    // it is theirs now, and resetting it would take capacity they still count on. (With unusable
    // properties the declared rate is unknown: the category is this resource's, so it is reset.)
    if (props !== undefined && live !== props.requestsPerSecond) {
      ctx.log.info(`Provisioned limit of ${category} left at ${live} requests per second: it was set by another writer (this resource set ${props.requestsPerSecond})`);
      return;
    }
    await setLimit(category, free, ctx);
  },
};

/** Every property the construct emits; strict parsing refuses any other. */
const PROPERTIES = ['Category', 'RequestsPerSecond'] as const;

function parseSpec(raw: RawProperties, strict: boolean): ProvisionedLimitSpec {
  checkKnown(strict, raw, PROPERTIES);
  return {
    category: requireString(raw, 'Category'),
    requestsPerSecond: parseNumber('RequestsPerSecond', raw.RequestsPerSecond),
  };
}

async function setLimit(category: string, value: number, ctx: HandlerContext): Promise<void> {
  await ctx.cognito.send('UserPoolUpdate', new UpdateProvisionedLimitCommand({
    LimitDefinition: definition(category),
    RequestedLimitValue: value,
  }));
}

function definition(category: string) {
  return { LimitClass: 'API_CATEGORY' as const, Attributes: { Category: category } };
}

function physicalId(props: ProvisionedLimitSpec): string {
  return `provisioned-limit/${props.category}`;
}
