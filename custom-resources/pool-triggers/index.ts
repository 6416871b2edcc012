/**
 * `Custom::CognitoUserPoolTriggers`: Lambda triggers on a pool this app does not define.
 *
 * Every write reads the pool (DescribeUserPool) and sends back its WHOLE configuration
 * (update-input.ts) with the merged LambdaConfig, because UpdateUserPool resets what it is not
 * given. A slot that holds another function is refused unless `ReplaceExisting` is set. What a
 * slot held before is recorded in the pool's tags by the same call (records.ts), so Delete, an
 * Update that drops a slot and a retried Create all know exactly what to put back. A slot that
 * no longer holds this resource's function (its owner changed it since) is left as it is.
 *
 * Create, Update and Delete are one convergence: from the pool's state and this resource's
 * records to the declared slots (none for Delete). Nothing to change: no UpdateUserPool call.
 */
import { DescribeUserPoolCommand, LambdaConfigType, UpdateUserPoolCommand, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, parseBoolean, parseOptionalObject, parseStringList, PropertyError, requireString, optionalString } from '../shared/cfn-values';
import { isNotFound } from '../shared/cognito';
import { sameValue } from '../shared/diff';
import type { HandlerContext, RawProperties, ResourceModule } from '../shared/types';
import { MAX_TAG_VALUE, ownerOf, readRecords, recordKey, recordValue, SlotRecord, valueHash } from './records';
import {
  encodeValue, KMS_KEY_SLOT, readSlot, sameSlotValue, Slot, SLOT_VERSIONS, slotLabel, SlotValue, TRIGGER_SLOTS, TriggerSlot,
  VERSIONED_SLOTS, writeSlot,
} from './slots';
import { updateInputFrom, writableTags } from './update-input';

export const POOL_TRIGGERS_RESOURCE_TYPE = 'Custom::CognitoUserPoolTriggers';

export interface PoolTriggersSpec {
  readonly userPoolId: string;
  /** The declared value of each slot set (the KMS key of the custom senders included). */
  readonly slots: { readonly [slot: string]: SlotValue };
  /** Take over slots that hold another function. */
  readonly replaceExisting: boolean;
  /** Roles the handler may pass back to Cognito (the pool's SMS roles). */
  readonly smsRoleArns: string[];
}

/** Every property the construct emits; strict parsing refuses any other. */
const PROPERTIES = ['UserPoolId', 'Triggers', 'KmsKeyArn', 'ReplaceExisting', 'SmsRoleArns'] as const;
const TRIGGER_PROPERTIES = ['LambdaArn', 'LambdaVersion'] as const;

export const poolTriggersModule: ResourceModule<PoolTriggersSpec> = {
  resourceType: POOL_TRIGGERS_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  async onCreate(props, ctx) {
    const owner = ownerOfEvent(ctx);
    await convergeOrCleanUp(props, owner, ctx);
    return { physicalId: physicalIdOf(props.userPoolId, owner) };
  },

  async onUpdate(props, oldProps, physicalId, ctx) {
    if (oldProps !== undefined && sameValue(props, oldProps)) return { physicalId };
    const parsed = parsePhysicalId(physicalId);
    const owner = parsed?.owner ?? ownerOfEvent(ctx);
    const deployedPool = parsed?.userPoolId ?? oldProps?.userPoolId;
    if (deployedPool !== undefined && deployedPool !== props.userPoolId) {
      // Another pool: set the triggers there under a new id; CloudFormation then deletes the old
      // id, which puts back what the old pool held.
      await convergeOrCleanUp(props, owner, ctx);
      return { physicalId: physicalIdOf(props.userPoolId, owner) };
    }
    await converge(props.userPoolId, owner, props, ctx);
    return { physicalId: physicalIdOf(props.userPoolId, owner) };
  },

  // The physical id names the pool and the owner: the properties are not needed.
  async onDelete(_props, physicalId, ctx) {
    const parsed = parsePhysicalId(physicalId);
    if (!parsed) {
      ctx.log.info(`Physical id ${physicalId} names no triggers this handler set: nothing to put back`);
      return;
    }
    await converge(parsed.userPoolId, parsed.owner, undefined, ctx);
  },
};

export function physicalIdOf(userPoolId: string, owner: string): string {
  return `${userPoolId}/triggers/${owner}`;
}

export function parsePhysicalId(physicalId: string): { userPoolId: string; owner: string } | undefined {
  const match = /^([^/]+)\/triggers\/([0-9a-f]{12})$/.exec(physicalId);
  return match ? { userPoolId: match[1], owner: match[2] } : undefined;
}

function ownerOfEvent(ctx: HandlerContext): string {
  if (!ctx.resource?.stackId || !ctx.resource.logicalResourceId) throw new Error('The event names no stack and logical id: the owner of the triggers is unknown');
  return ownerOf(ctx.resource.stackId, ctx.resource.logicalResourceId);
}

/**
 * A Create (or a move to another pool) gets no Delete when it fails: if its write landed
 * although the call failed (a lost answer), the triggers are taken back off before failing.
 */
async function convergeOrCleanUp(props: PoolTriggersSpec, owner: string, ctx: HandlerContext): Promise<void> {
  try {
    await converge(props.userPoolId, owner, props, ctx);
  } catch (error) {
    try {
      await converge(props.userPoolId, owner, undefined, ctx);
    } catch (cleanup) {
      ctx.log.error('Cleanup after the failed write failed too', { name: (cleanup as Error)?.name, message: (cleanup as Error)?.message });
    }
    throw error;
  }
}

/**
 * Brings the pool's slots from their state and this owner's records to `desired` (undefined:
 * release everything, as Delete). One DescribeUserPool, then one UpdateUserPool if anything changes.
 */
export async function converge(userPoolId: string, owner: string, desired: PoolTriggersSpec | undefined, ctx: HandlerContext): Promise<void> {
  let pool: UserPoolType | undefined;
  try {
    pool = (await ctx.cognito.send('UserPoolRead', new DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool;
  } catch (error) {
    if (desired === undefined && isNotFound(error)) {
      ctx.log.info(`User pool ${userPoolId} is gone: nothing to put back`);
      return;
    }
    throw error;
  }
  if (!pool) throw new Error(`DescribeUserPool returned no pool for ${userPoolId}`);
  const plan = planChanges(pool, owner, desired);
  if (plan.refusals.length > 0) throw new Error(plan.refusals.join(' '));
  for (const line of plan.notes) ctx.log.info(line);
  if (!plan.changed) {
    ctx.log.info(`Triggers of ${userPoolId} are as declared: no UpdateUserPool call`);
    return;
  }
  if (desired !== undefined) checkPassableRoles(pool, desired);
  await ctx.cognito.send('UserPoolUpdate', new UpdateUserPoolCommand(updateInputFrom(pool, { LambdaConfig: plan.lambdaConfig, UserPoolTags: plan.tags })));
}

export interface Plan {
  readonly lambdaConfig: LambdaConfigType;
  readonly tags: Record<string, string>;
  readonly changed: boolean;
  readonly refusals: string[];
  readonly notes: string[];
}

/** The pool's LambdaConfig and tags after converging; pure, for tests. */
export function planChanges(pool: UserPoolType, owner: string, desired: PoolTriggersSpec | undefined): Plan {
  const before = pool.LambdaConfig ?? {};
  const lambdaConfig: LambdaConfigType = JSON.parse(JSON.stringify(before));
  const tags: Record<string, string> = {};
  const records = readRecords(pool.UserPoolTags);
  const mine = new Map(records.filter((r) => r.owner === owner).map((r) => [r.slot, r]));
  const others = records.filter((r) => r.owner !== owner);
  const refusals: string[] = [];
  const notes: string[] = [];
  const wanted = desired?.slots ?? {};
  const slots = [...new Set<Slot>([...Object.keys(wanted) as Slot[], ...mine.keys()])]
    // The key last: whether it can go back depends on the senders left.
    .sort((a, b) => (a === KMS_KEY_SLOT ? 1 : 0) - (b === KMS_KEY_SLOT ? 1 : 0));
  const poolName = pool.Id ?? 'the pool';

  for (const slot of slots) {
    const current = readSlot(before, slot);
    const want = wanted[slot];
    const record = mine.get(slot);
    const holdsMine = record !== undefined && valueHash(current) === record.written;
    if (want !== undefined) {
      const taken = current !== undefined && !sameSlotValue(current, want) && !holdsMine;
      if (taken && !desired!.replaceExisting) {
        refusals.push(`The ${slotLabel(slot)} trigger of the user pool ${poolName} holds ${encodeValue(current)}, which this UserPoolTriggers did not set:`
          + ' set replaceExisting to take the slot over (what it holds is put back when the UserPoolTriggers is deleted), or remove it from its owner first.');
        continue;
      }
      if (taken) notes.push(`Taking over ${slotLabel(slot)} of ${poolName} from ${encodeValue(current)} (replaceExisting)`);
      const next: SlotRecord = { owner, slot, written: valueHash(want), previous: record ? record.previous : current };
      if (recordValue(next).length > MAX_TAG_VALUE) {
        refusals.push(`The value ${encodeValue(current)} found in ${slotLabel(slot)} of ${poolName} is too long to record (a tag value holds ${MAX_TAG_VALUE} characters).`);
        continue;
      }
      writeSlot(lambdaConfig, slot, want);
      tags[recordKey(owner, slot)] = recordValue(next);
    } else {
      // Released: put back what was there, if the slot still holds this owner's function.
      const own = record!;
      const above = others.find((o) => o.slot === slot && valueHash(o.previous) === own.written);
      if (above) {
        // Another owner set the slot after this one and recorded this one's value: it now puts back what this one found.
        tags[recordKey(above.owner, slot)] = recordValue({ ...above, previous: own.previous });
        notes.push(`${slotLabel(slot)} of ${poolName}: a later owner keeps the slot and will put back ${encodeValue(own.previous) || 'nothing'}`);
      } else if (holdsMine) {
        if (slot === KMS_KEY_SLOT && own.previous === undefined && (lambdaConfig.CustomEmailSender || lambdaConfig.CustomSMSSender)) {
          notes.push(`${slotLabel(slot)} of ${poolName} stays: custom senders of another owner use it`);
        } else {
          writeSlot(lambdaConfig, slot, own.previous);
        }
      } else {
        notes.push(`${slotLabel(slot)} of ${poolName} holds ${encodeValue(current) || 'nothing'}, set by another owner since: left as it is`);
      }
      tags[recordKey(owner, slot)] = '';
    }
  }
  const changed = !sameValue(before, lambdaConfig)
    || Object.entries(tags).some(([key, value]) => (pool.UserPoolTags?.[key] ?? '') !== value);
  return { lambdaConfig, tags: { ...writableTags(pool.UserPoolTags), ...tags }, changed, refusals, notes };
}

/**
 * The pool's SMS roles go back to Cognito with the rest of its configuration, and Cognito
 * checks that the caller may pass them: refused before the call, naming the role, unless the
 * construct declared it (and so granted iam:PassRole on it).
 */
function checkPassableRoles(pool: UserPoolType, desired: PoolTriggersSpec): void {
  const roles = [pool.SmsConfiguration?.SnsCallerArn, pool.SmsConfiguration?.EumsSms?.CallerArn].filter((r): r is string => !!r);
  const missing = [...new Set(roles)].filter((r) => !desired.smsRoleArns.includes(r));
  if (missing.length === 0) return;
  throw new Error(`The user pool ${pool.Id} sends SMS with the role ${missing.join(' and ')}: UpdateUserPool sends the pool's whole configuration back,`
    + ' that role included, and Cognito requires iam:PassRole on it; declare it in smsRoles of the UserPoolTriggers (which grants iam:PassRole to Cognito only).');
}

function parseSpec(raw: RawProperties, strict: boolean): PoolTriggersSpec {
  checkKnown(strict, raw, PROPERTIES);
  const triggers = parseOptionalObject('Triggers', raw.Triggers) ?? {};
  checkKnown(strict, triggers, TRIGGER_SLOTS, 'Triggers');
  const slots: { [slot: string]: SlotValue } = {};
  for (const slot of TRIGGER_SLOTS) {
    const where = `Triggers.${slot}`;
    const entry = parseOptionalObject(where, triggers[slot]);
    if (entry === undefined) continue;
    checkKnown(strict, entry, TRIGGER_PROPERTIES, where);
    const arn = requireString(entry, 'LambdaArn', where);
    const version = optionalString(entry, 'LambdaVersion', where);
    if (VERSIONED_SLOTS.includes(slot as TriggerSlot)) {
      const allowed = SLOT_VERSIONS[slot];
      if (version !== undefined && !allowed.includes(version)) throw new PropertyError(`${where}.LambdaVersion`, version, allowed.join(', '));
      slots[slot] = { arn, version: version ?? 'V1_0' };
    } else {
      if (version !== undefined) throw new PropertyError(`${where}.LambdaVersion`, version, 'no version (this slot has none)');
      slots[slot] = { arn };
    }
  }
  const key = optionalString(raw, 'KmsKeyArn');
  if (key !== undefined) slots[KMS_KEY_SLOT] = { arn: key };
  return {
    userPoolId: requireString(raw, 'UserPoolId'),
    slots,
    replaceExisting: parseBoolean('ReplaceExisting', raw.ReplaceExisting, false),
    smsRoleArns: parseStringList('SmsRoleArns', raw.SmsRoleArns),
  };
}
