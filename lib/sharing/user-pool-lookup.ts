import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import { ContextProvider, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { pendingScope } from '../private/pending-scope';
import { A_STRING, requireProps } from '../private/runtime-types';
import { checkLength, describeValue, fail } from '../private/validation';
import { partitionOf } from './parameter-layout';

/** What `UserPool.fromLookup` looks a pool up by. */
export interface UserPoolLookupOptions {
  /**
   * The pool's name, in the stack's account and Region. Exactly one pool may have it (Cognito
   * allows several pools with one name).
   */
  readonly userPoolName: string;
}

/** The value the CDK CLI caches in `cdk.context.json`: one object per matching pool. */
interface LookedUpPool {
  readonly Identifier?: unknown;
}

/** The CloudFormation type the Cloud Control API lists. */
const POOL_TYPE = 'AWS::Cognito::UserPool';
/** Returned (and never cached) while the CLI has not answered the lookup yet. */
const DUMMY_POOL_ID = 'us-east-1_DUMMYPOOL';

/**
 * Looks a pool up by name at synth through the Cloud Control API context provider (the one
 * aws-cdk-lib's `fromLookup`s use), cached in `cdk.context.json`. Needs a stack with a literal
 * account and Region.
 */
export function lookupUserPool(scope: Construct, id: string, options: UserPoolLookupOptions): cognito.IUserPool {
  const pending = pendingScope(scope, id);
  requireProps(pending, options, { userPoolName: A_STRING });
  const name = options.userPoolName;
  if (Token.isUnresolved(name)) fail(pending, 'userPoolName', name, 'a literal name (a lookup runs at synth)');
  checkLength(pending, 'userPoolName', name, 1, 128);
  const stack = Stack.of(scope);
  if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
    fail(pending, 'userPoolName', name, 'a lookup only in a stack with a literal account and Region (env: { account, region })');
  }
  const found: unknown = ContextProvider.getValue(scope, {
    provider: cxschema.ContextProvider.CC_API_PROVIDER,
    props: {
      typeName: POOL_TYPE,
      propertyMatch: { UserPoolName: name },
      propertiesToReturn: [],
      expectedMatchCount: 'exactly-one',
    },
    dummyValue: [{ Identifier: DUMMY_POOL_ID }],
  }).value;

  const pools = Array.isArray(found) ? found as LookedUpPool[] : undefined;
  if (pools === undefined) {
    fail(pending, 'userPoolName', name, `a cached lookup result that is a list of pools (cdk.context.json holds ${describeValue(found)}; remove it with cdk context --reset)`);
  }
  if (pools.length === 0) {
    fail(pending, 'userPoolName', name, `the name of a user pool in account ${stack.account}, Region ${stack.region} (none has it)`);
  }
  if (pools.length > 1) {
    const ids = pools.map((p) => String(p.Identifier)).join(', ');
    fail(pending, 'userPoolName', name, `a name that exactly one user pool has (${pools.length} pools have it: ${ids}; import one by id with UserPool.fromUserPoolId)`);
  }
  const poolId = pools[0].Identifier;
  if (typeof poolId !== 'string' || !/^[\w-]+_[0-9a-zA-Z]+$/.test(poolId)) {
    fail(pending, 'userPoolName', name, `a cached lookup result with a user pool id (got ${describeValue(poolId)}; remove it with cdk context --reset)`);
  }
  const arn = `arn:${partitionOf(stack.region)}:cognito-idp:${stack.region}:${stack.account}:userpool/${poolId}`;
  return cognito.UserPool.fromUserPoolArn(scope, id, arn);
}
