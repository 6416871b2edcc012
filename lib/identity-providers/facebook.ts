import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import {
  SecretProps, applyAttributeMapping, applyIdentifiers, cfnOf, checkClientId, checkSecretProps, renderScopes, renderSecretProps, checkUniqueInPool,
} from './private/helpers';
import { IdentityProviderBaseProps } from './base';
import { applySecretSync } from './secret-sync';
import { IdentityProviderSecretSyncProps } from './secret-sync-props';
import { pendingScope } from '../private/pending-scope';
import { A_STRING, AN_IUSER_POOL, requireProps } from '../private/runtime-types';
import { checkPattern } from '../private/validation';
import { applyPropertyInjectors } from '../private/property-injection';

/** Properties of a {@link UserPoolIdentityProviderFacebook}. */
export interface UserPoolIdentityProviderFacebookProps extends IdentityProviderBaseProps, IdentityProviderSecretSyncProps {
  /** The Facebook app id. */
  readonly clientId: string;

  /**
   * The Facebook app secret as plain text, as aws-cdk-lib takes it. It is written into the template as it is,
   * with a synth-time warning (`cdk-cognito-userpools:plainTextSecret`, acknowledgeable): prefer
   * `clientSecretValue`. Give exactly one of `clientSecret` and `clientSecretValue`.
   * @default - none: `clientSecretValue` is given
   */
  readonly clientSecret?: string;

  /**
   * The Facebook app secret, e.g. `SecretValue.secretsManager('facebook-app')`. It reaches the template only as a
   * dynamic reference: a plain-text SecretValue is refused. Give exactly one of `clientSecret` and
   * `clientSecretValue`.
   * @default - none: `clientSecret` is given
   */
  readonly clientSecretValue?: SecretValue;

  /**
   * The Facebook permissions to request (comma-separated in the template).
   * @default ['public_profile']
   */
  readonly scopes?: string[];

  /**
   * The Graph API version, e.g. `v17.0`.
   * @default - the oldest version Facebook supports
   */
  readonly apiVersion?: string;
}

/**
 * Sign in with Facebook. Extends aws-cdk-lib's `UserPoolIdentityProviderFacebook`, taking the
 * app secret as a `SecretValue` (the CDK's takes only a plain string, which still works here,
 * with a warning) and validating the rest.
 *
 * @resource AWS::Cognito::UserPoolIdentityProvider
 */
export class UserPoolIdentityProviderFacebook extends cognito.UserPoolIdentityProviderFacebook {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolIdentityProviderFacebook';

  constructor(scope: Construct, id: string, props: UserPoolIdentityProviderFacebookProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolIdentityProviderFacebook.PROPERTY_INJECTION_ID, cognito.UserPoolIdentityProviderFacebook.PROPERTY_INJECTION_ID);
    const pending = pendingScope(scope, id);
    requireProps(pending, props, { userPool: AN_IUSER_POOL, clientId: A_STRING });
    const secret: SecretProps = { plainProp: 'clientSecret', valueProp: 'clientSecretValue', plain: props.clientSecret, value: props.clientSecretValue };
    checkSecretProps(pending, secret);
    // The provider details are written below, after our own validation.
    super(scope, id, { userPool: props.userPool, clientId: props.clientId, clientSecret: props.clientSecret ?? props.clientSecretValue!.unsafeUnwrap() });
    checkClientId(this, props.clientId);
    checkPattern(this, 'apiVersion', props.apiVersion, /^v\d+\.\d+$/, 'a Graph API version such as "v17.0"');
    cfnOf(this).providerDetails = {
      client_id: props.clientId,
      client_secret: renderSecretProps(this, secret),
      authorize_scopes: renderScopes(this, props.scopes ?? ['public_profile'], ','),
      api_version: props.apiVersion,
    };
    applyIdentifiers(this, props.identifiers);
    applyAttributeMapping(this, props.attributeMapping);
    checkUniqueInPool(this, props.userPool);
    applySecretSync(this, props.userPool, props.syncSecretOnRotation, 'client_secret', 'clientSecretValue');
  }
}
