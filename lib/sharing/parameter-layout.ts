import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { fail } from '../private/validation';

/**
 * Where `UserPoolShare` writes each value under its prefix, and where
 * `UserPool.fromSharedParameters` reads it: one layout, used by both sides.
 */
export const LAYOUT = {
  userPoolId: 'user-pool/id',
  userPoolArn: 'user-pool/arn',
  providerName: 'user-pool/provider-name',
  providerUrl: 'user-pool/provider-url',
  domainName: 'domain/name',
  domainBaseUrl: 'domain/base-url',
  clientId: (name: string) => `clients/${name}/id`,
  clientSecretArn: (name: string) => `clients/${name}/secret-arn`,
  resourceServerIdentifier: (name: string) => `resource-servers/${name}/identifier`,
  resourceServerScopes: (name: string) => `resource-servers/${name}/scopes`,
};

/** The deepest relative name of the layout (`resource-servers/<name>/identifier`): 3 levels. */
const DEEPEST_RELATIVE = 3;
/** Systems Manager: a parameter hierarchy has at most 15 levels. */
const MAX_LEVELS = 15;
/** Systems Manager: the parameter's ARN (`arn:...:parameter/` and the name) is at most 1011 characters. */
const MAX_ARN_LENGTH = 1011;
/** The longest relative name before the client or server name: `resource-servers/` + `/identifier`. */
const LONGEST_FIXED_SUFFIX = '/resource-servers//identifier'.length;
/** Used for the ARN's length when the Region is not known at synth (the longest Region names). */
const LONGEST_REGION = 'ap-southeast-5';

const SEGMENT = /^[a-zA-Z0-9_.-]+$/;

/**
 * Checks a prefix against Systems Manager's parameter name rules: it starts with `/`, its levels
 * hold only `a-zA-Z0-9_.-`, it does not start with `aws` or `ssm`, and with the layout's
 * deepest name (3 more levels) it stays within 15 levels.
 */
export function checkParameterPrefix(scope: IConstruct, property: string, prefix: string): void {
  if (Token.isUnresolved(prefix)) {
    fail(scope, property, prefix, 'a literal prefix (the consumers read the same names; a token cannot be checked or shared)');
  }
  const allowed = 'a parameter path such as /platform/auth/main: starting with /, levels of a-zA-Z0-9_.- separated by single /, no trailing /';
  if (!prefix.startsWith('/') || prefix.endsWith('/') || prefix.length < 2) fail(scope, property, prefix, allowed);
  const levels = prefix.slice(1).split('/');
  if (levels.some((level) => !SEGMENT.test(level))) fail(scope, property, prefix, allowed);
  if (/^(aws|ssm)/i.test(levels[0])) {
    fail(scope, property, prefix, 'a path whose first level does not start with "aws" or "ssm" (reserved by Systems Manager)');
  }
  if (levels.length + DEEPEST_RELATIVE > MAX_LEVELS) {
    fail(scope, property, prefix, `at most ${MAX_LEVELS - DEEPEST_RELATIVE} levels (Systems Manager allows ${MAX_LEVELS}, and the shared names add ${DEEPEST_RELATIVE}); got ${levels.length}`);
  }
}

/** Checks the name of a shared client or resource server: one level of `a-zA-Z0-9_.-`. */
export function checkEntryName(scope: IConstruct, property: string, name: string): void {
  if (Token.isUnresolved(name)) fail(scope, property, name, 'a literal name');
  if (!SEGMENT.test(name)) fail(scope, property, name, 'letters, digits and _ . - only (one level of the parameter path)');
}

/**
 * Checks that the ARN of the longest parameter name stays within Systems Manager's 1011
 * characters. The ARN uses the stack's account and Region (the longest Region name when it is
 * not known at synth).
 */
export function checkArnLength(scope: IConstruct, property: string, prefix: string, entryName: string): void {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? LONGEST_REGION : stack.region;
  const partition = Token.isUnresolved(stack.partition) ? 'aws' : stack.partition;
  const arnHead = `arn:${partition}:ssm:${region}:123456789012:parameter`;
  const length = arnHead.length + prefix.length + LONGEST_FIXED_SUFFIX + entryName.length;
  if (length > MAX_ARN_LENGTH) {
    fail(scope, property, entryName, `a name whose longest parameter ARN (${arnHead}${prefix}/resource-servers/${entryName}/identifier) is at most ${MAX_ARN_LENGTH} characters; it would be ${length}`);
  }
}

/** Account ids are 12 digits. */
export function checkAccountId(scope: IConstruct, property: string, account: string): void {
  if (Token.isUnresolved(account)) return;
  if (!/^\d{12}$/.test(account)) fail(scope, property, account, 'a 12-digit AWS account id');
}

/** The partition of a literal Region (a CloudFormation parameter default takes no `AWS::Partition`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
