import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { AwsCdkLibCompatibility } from '../compatibility';
import { pendingScope } from './pending-scope';
import { fail } from './validation';

/**
 * Whether the app asks for aws-cdk-lib's defaults instead of this library's secure ones
 * (`AwsCdkLibCompatibility.CONTEXT_KEY`). Read from the context of the app (or of a scope above
 * the construct), once per construct, before any default is decided. A value that is neither a
 * boolean nor the string "true"/"false" (as `cdk -c key=value` passes it) is refused: a typo must
 * not silently switch a live pool's MFA, deletion protection or password policy.
 *
 * @param scope the construct being built, or its parent before `super()`
 * @param id the id of the construct being built when `scope` is its parent (for the error's path)
 */
export function usesAwsCdkLibDefaults(scope: IConstruct, id?: string): boolean {
  const value: unknown = scope.node.tryGetContext(AwsCdkLibCompatibility.CONTEXT_KEY);
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  return fail(id === undefined ? scope : pendingScope(scope, id), `context ${AwsCdkLibCompatibility.CONTEXT_KEY}`, value,
    'true or false (a boolean in cdk.json, or "true"/"false" with cdk -c)');
}

/**
 * The pool behind aws-cdk-lib's `IUserPoolRef` prop type when it is an `IUserPool` (a `UserPool`
 * or an imported one, which know their identity providers); undefined for a bare reference such
 * as a `CfnUserPool`, whose in-app checks are then skipped.
 */
export function userPoolOf(ref: cognito.IUserPoolRef): cognito.IUserPool | undefined {
  return 'identityProviders' in ref && 'registerIdentityProvider' in ref ? ref as cognito.IUserPool : undefined;
}
