import { Annotations, CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CognitoProvider } from './private/provider';
import { anObject, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

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
 * Stops a deployment that makes a change Cognito cannot make on a live pool BEFORE the pool is
 * touched: a setting fixed at creation (sign-in aliases, username attributes, username case
 * sensitivity, required attributes, a custom attribute removed or changed, a standard attribute's
 * mutability, developer-only attributes, a client's `generateSecret`) or SMS MFA turned off while
 * MFA stays on. The pool (and the guarded clients) depend on the guard, so CloudFormation updates
 * the guard first, and the guard's failure rolls the stack back with a message listing the
 * changes. The guard compares against the deployed settings (a fingerprint in its physical id),
 * so the rollback succeeds. It makes no AWS call, so it does not wait for the stack provider's
 * permissions (which name the pool).
 *
 * This library's `UserPool` has one built in (`immutableSettingsGuard`, on by default). A guard
 * declared here for such a pool takes the built-in one's place.
 */
export class ImmutableSettingsGuard extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.ImmutableSettingsGuard';
  /** The construct id of the guard a `UserPool` of this library builds in. */
  public static readonly BUILT_IN_ID = 'ImmutableSettingsGuard';

  private readonly cfnPool: cognito.CfnUserPool;
  private readonly resource: CfnResource;
  private readonly guardedClients: cognito.CfnUserPoolClient[] = [];

  constructor(scope: Construct, id: string, props: ImmutableSettingsGuardProps) {
    props = applyPropertyInjectors(scope, id, props, ImmutableSettingsGuard.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: anObject('a UserPool') });
    const builtIn = scope === props.userPool && id === ImmutableSettingsGuard.BUILT_IN_ID;
    // One guard per pool: a declared guard (its own options, an existing deployment's logical id) wins.
    const existing = props.userPool.node.tryFindChild(ImmutableSettingsGuard.BUILT_IN_ID);
    if (!builtIn && existing instanceof ImmutableSettingsGuard) existing._standDown();
    const cfnPool = props.userPool.node.defaultChild as cognito.CfnUserPool;
    this.cfnPool = cfnPool;
    const stack = Stack.of(this);
    // Read at synth, after every add* call on the pool (L1 values, camelCase).
    const schema = () => (stack.resolve(cfnPool.schema) ?? []) as any[];
    if (props.allowReplacement) {
      Annotations.of(this).addWarningV2('cdk-cognito-userpools:allowReplacement',
        `allowReplacement is on: a change Cognito cannot make on the live pool ${props.userPool.node.path} goes through `
        + '(CloudFormation fails the update or replaces the pool, which loses its users). Turn it off after this deployment.');
    }
    const custom = CognitoProvider.of(this).createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoImmutableSettingsGuard',
      // Runs before the pool: waiting for the permissions policy, which names the pool, would be a cycle.
      needsPermissions: false,
      properties: {
        PoolName: props.userPool.node.path,
        AllowReplacement: props.allowReplacement ?? false,
        OptOutOwner: builtIn ? `the UserPool ${props.userPool.node.path}` : `the ImmutableSettingsGuard ${this.node.path}`,
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
          produce: () => this.guardedClients.map((c) => ({
            Name: c.node.scope!.node.path,
            GenerateSecret: stack.resolve(c.generateSecret) ?? false,
          })),
        }),
        // Always sent (Cognito's default when absent): its presence marks the three below as recorded.
        MfaConfiguration: Lazy.string({ produce: () => stack.resolve(cfnPool.mfaConfiguration) ?? 'OFF' }),
        EnabledMfas: Lazy.list({ produce: () => stack.resolve(cfnPool.enabledMfas) ?? [] }),
        ImmutableStandardAttributes: Lazy.list({
          produce: () => schema().filter((s) => STANDARD_ATTRIBUTES.has(s.name) && s.mutable === false).map((s) => s.name),
        }),
        DeveloperOnlyAttributes: Lazy.list({ produce: () => schema().filter((s) => s.developerOnlyAttribute === true).map((s) => s.name) }),
      },
    });
    this.resource = custom.node.defaultChild as CfnResource;
    // The guard first: CloudFormation updates a resource's dependencies before the resource.
    cfnPool.addResourceDependency(this.resource);
    for (const client of props.clients ?? []) this.guardClient(client);
  }

  /**
   * Guards this client's `generateSecret` too: changing it replaces the client, and its id and
   * secret with it.
   */
  public guardClient(client: cognito.UserPoolClient): void {
    const cfnClient = client.node.defaultChild as cognito.CfnUserPoolClient;
    if (this.guardedClients.includes(cfnClient)) return;
    this.guardedClients.push(cfnClient);
    cfnClient.addResourceDependency(this.resource);
  }

  /**
   * Removes this (built-in) guard from the app, for a guard declared in its place.
   * @internal
   */
  public _standDown(): void {
    this.cfnPool.removeResourceDependency(this.resource);
    for (const client of this.guardedClients) client.removeResourceDependency(this.resource);
    this.node.scope!.node.tryRemoveChild(this.node.id);
  }
}
