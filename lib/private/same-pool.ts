import { Reference, Token, Tokenization } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { fail } from './validation';

/**
 * What a user pool id tells about the pool at synth: a literal id, or the `CfnUserPool` of a
 * pool defined in the app (its id is a reference to that resource). Anything else (a token
 * from a parameter, an import, a split ARN) is unknown.
 */
export type PoolIdentity = string | cognito.CfnUserPool | undefined;

export function poolIdentity(userPoolId: string | undefined): PoolIdentity {
  if (userPoolId === undefined) return undefined;
  if (!Token.isUnresolved(userPoolId)) return userPoolId;
  const tokens = Tokenization.reverseString(userPoolId);
  const token = tokens.length === 1 ? tokens.firstToken : undefined;
  if (!Reference.isReference(token)) return undefined;
  return token.target instanceof cognito.CfnUserPool ? token.target : undefined;
}

/**
 * True only when two pool ids certainly name different pools: two literal ids that differ, or
 * references to two different pools of the app. A literal id and a pool of the app are never
 * compared (the pool's id is known only after its deployment).
 */
export function certainlyDifferentPools(a: string | undefined, b: string | undefined): boolean {
  const x = poolIdentity(a);
  const y = poolIdentity(b);
  if (x === undefined || y === undefined) return false;
  if (typeof x !== typeof y) return false;
  return x !== y;
}

/** The pool id of an app client, when the client is defined in the app; undefined otherwise. */
export function poolIdOfClient(client: cognito.IUserPoolClient): string | undefined {
  const cfn = client.node.defaultChild;
  return cfn instanceof cognito.CfnUserPoolClient ? cfn.userPoolId : undefined;
}

/** The path of a pool to show in a message: the construct that defines it, or its literal id. */
export function describePool(userPoolId: string | undefined, fallback: string): string {
  const id = poolIdentity(userPoolId);
  if (id instanceof cognito.CfnUserPool) return id.node.scope?.node.path ?? id.node.path;
  return id ?? fallback;
}

/**
 * Refuses a construct that names a user pool and an app client of another pool (the client's
 * settings would be written to a pool that does not have it). Skipped when either pool is unknown.
 */
export function checkClientOfPool(scope: IConstruct, client: cognito.IUserPoolClient, userPool: cognito.IUserPoolRef): void {
  const clientPool = poolIdOfClient(client);
  const namedPool = userPool.userPoolRef.userPoolId;
  if (certainlyDifferentPools(clientPool, namedPool)) {
    fail(scope, 'client', client.node.path,
      `a client of the user pool ${describePool(namedPool, 'named by userPool')} (this client belongs to ${describePool(clientPool, 'another pool')})`);
  }
}
