import { Lazy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CognitoProvider } from './private/provider';

/** Options of {@link ImmutableSettingsGuard} (for a pool's `addImmutableSettingsGuard`). */
export interface ImmutableSettingsGuardOptions {
  /**
   * App clients whose `generateSecret` is guarded too (changing it replaces the client, and its
   * id and secret with it).
   * @default - no client is guarded
   */
  readonly clients?: cognito.UserPoolClient[];
  /**
   * The opt-out: let a change of an immutable setting through, when replacing the pool (and
   * losing its users) is intended. Turn it off again after that deployment.
   * @default false
   */
  readonly allowReplacement?: boolean;
}

/** Properties of {@link ImmutableSettingsGuard}. */
export interface ImmutableSettingsGuardProps extends ImmutableSettingsGuardOptions {
  /** The pool whose settings are guarded; it must be defined in this app. */
  readonly userPool: cognito.UserPool;
}

/** Cognito's standard attributes: any other schema entry is a custom attribute. */
const STANDARD_ATTRIBUTES = new Set([
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile', 'sub', 'updated_at',
  'website', 'zoneinfo',
]);

/**
 * Stops a deployment that changes a setting Cognito cannot change after creation (sign-in
 * aliases, username attributes, username case sensitivity, required attributes, a custom
 * attribute removed or changed, a client's `generateSecret`) BEFORE the pool is touched: the pool
 * (and the guarded clients) depend on the guard, so CloudFormation updates the guard first, and
 * the guard's failure rolls the stack back with a message listing the changes. The guard
 * compares against the deployed settings (a fingerprint in its physical id), so the rollback
 * succeeds. It makes no AWS call, so it does not wait for the stack provider's permissions
 * (which name the pool).
 */
export class ImmutableSettingsGuard extends Construct {
  constructor(scope: Construct, id: string, props: ImmutableSettingsGuardProps) {
    super(scope, id);
    const cfnPool = props.userPool.node.defaultChild as cognito.CfnUserPool;
    const stack = Stack.of(this);
    // Read at synth, after every add* call on the pool (L1 values, camelCase).
    const schema = () => (stack.resolve(cfnPool.schema) ?? []) as any[];
    const resource = CognitoProvider.of(this).createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoImmutableSettingsGuard',
      // Runs before the pool: waiting for the permissions policy, which names the pool, would be a cycle.
      needsPermissions: false,
      properties: {
        PoolName: props.userPool.node.path,
        AllowReplacement: props.allowReplacement ?? false,
        AliasAttributes: Lazy.list({ produce: () => stack.resolve(cfnPool.aliasAttributes) ?? [] }),
        UsernameAttributes: Lazy.list({ produce: () => stack.resolve(cfnPool.usernameAttributes) ?? [] }),
        CaseSensitive: Lazy.any({ produce: () => stack.resolve(cfnPool.usernameConfiguration)?.caseSensitive }),
        RequiredAttributes: Lazy.list({ produce: () => schema().filter((s) => s.required === true).map((s) => s.name) }),
        CustomAttributes: Lazy.any({
          produce: () => schema().filter((s) => !STANDARD_ATTRIBUTES.has(s.name)).map((s) => ({
            Name: s.name,
            DataType: s.attributeDataType,
            Mutable: s.mutable,
            Min: s.stringAttributeConstraints?.minLength ?? s.numberAttributeConstraints?.minValue,
            Max: s.stringAttributeConstraints?.maxLength ?? s.numberAttributeConstraints?.maxValue,
          })),
        }),
        Clients: Lazy.any({
          produce: () => (props.clients ?? []).map((c) => ({
            Name: c.node.path,
            GenerateSecret: stack.resolve((c.node.defaultChild as cognito.CfnUserPoolClient).generateSecret) ?? false,
          })),
        }),
      },
    });
    // The guard first: CloudFormation updates a resource's dependencies before the resource.
    cfnPool.node.addDependency(resource);
    for (const client of props.clients ?? []) (client.node.defaultChild as cognito.CfnUserPoolClient).node.addDependency(resource);
  }
}
