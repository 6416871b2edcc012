import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import * as lib from '../../lib';

/**
 * The classes of aws-cdk-lib that this library extends, typed with aws-cdk-lib's constructor
 * signatures. `THIS_LIBRARY` is assigned this type: that it compiles proves every aws-cdk-lib
 * props interface type-checks against this library's classes.
 */
export interface Kit {
  readonly UserPool: new (scope: Construct, id: string, props?: cognito.UserPoolProps) => cognito.UserPool;
  readonly UserPoolClient: new (scope: Construct, id: string, props: cognito.UserPoolClientProps) => cognito.UserPoolClient;
  readonly UserPoolDomain: new (scope: Construct, id: string, props: cognito.UserPoolDomainProps) => cognito.UserPoolDomain;
  readonly UserPoolGroup: new (scope: Construct, id: string, props: cognito.UserPoolGroupProps) => cognito.UserPoolGroup;
  readonly UserPoolResourceServer: new (scope: Construct, id: string, props: cognito.UserPoolResourceServerProps) => cognito.UserPoolResourceServer;
  readonly UserPoolIdentityProviderAmazon: new (scope: Construct, id: string, props: cognito.UserPoolIdentityProviderAmazonProps) => cognito.UserPoolIdentityProviderAmazon;
  readonly UserPoolIdentityProviderApple: new (scope: Construct, id: string, props: cognito.UserPoolIdentityProviderAppleProps) => cognito.UserPoolIdentityProviderApple;
  readonly UserPoolIdentityProviderFacebook: new (scope: Construct, id: string, props: cognito.UserPoolIdentityProviderFacebookProps) => cognito.UserPoolIdentityProviderFacebook;
  readonly UserPoolIdentityProviderGoogle: new (scope: Construct, id: string, props: cognito.UserPoolIdentityProviderGoogleProps) => cognito.UserPoolIdentityProviderGoogle;
  readonly UserPoolIdentityProviderOidc: new (scope: Construct, id: string, props: cognito.UserPoolIdentityProviderOidcProps) => cognito.UserPoolIdentityProviderOidc;
  readonly UserPoolIdentityProviderSaml: new (scope: Construct, id: string, props: cognito.UserPoolIdentityProviderSamlProps) => cognito.UserPoolIdentityProviderSaml;
}

export const AWS_CDK_LIB: Kit = cognito;
export const THIS_LIBRARY: Kit = lib;

/** The context key, spelled out as users write it in cdk.json. */
export const KEY = 'cdk-cognito-userpools:awsCdkLibDefaults';

/** Builds a configuration into a stack with one kit's classes. */
export type Build = (stack: Stack, kit: Kit) => void;

export interface SynthOptions {
  /** The app's context (e.g. the switch). */
  readonly context?: Record<string, unknown>;
  /** Props of the stack (e.g. tags). */
  readonly stackProps?: StackProps;
}

/**
 * Synthesizes a configuration with one kit, in a stack named the same in its own app, so that
 * both kits get the same construct paths and logical ids.
 */
export function synth(kit: Kit, build: Build, options: SynthOptions = {}): Record<string, any> {
  const app = new App({ context: options.context });
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' }, ...options.stackProps });
  build(stack, kit);
  return Template.fromStack(stack).toJSON();
}

/** The switch on, as `cdk.json` sets it. */
export const COMPAT = { [KEY]: true };

/** Logical ids of the stack's custom-resource provider (`CognitoUserPoolsProvider/...`). */
const PROVIDER = /^CognitoUserPoolsProvider/;

/**
 * A template without this library's built-in immutable-settings guard: the guard resources
 * (`Custom::CognitoImmutableSettingsGuard`), the stack's provider that runs them, and each
 * pool's `DependsOn` on its guard. Returns the template and the logical ids removed.
 */
export function withoutGuard(template: Record<string, any>): { template: Record<string, any>; removed: string[] } {
  const resources: Record<string, any> = {};
  const removed: string[] = [];
  const copy: Record<string, any> = JSON.parse(JSON.stringify(template.Resources ?? {}));
  for (const [id, resource] of Object.entries<any>(copy)) {
    if (resource.Type === 'Custom::CognitoImmutableSettingsGuard' || PROVIDER.test(id)) removed.push(id);
    else resources[id] = resource;
  }
  for (const resource of Object.values<any>(resources)) {
    if (!resource.DependsOn) continue;
    const kept = (resource.DependsOn as string[]).filter((d) => !removed.includes(d));
    if (kept.length > 0) resource.DependsOn = kept;
    else delete resource.DependsOn;
  }
  return { template: { ...template, Resources: resources }, removed };
}
