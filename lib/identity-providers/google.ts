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
import { applyPropertyInjectors } from '../private/property-injection';

/** Properties of a {@link UserPoolIdentityProviderGoogle}. */
export interface UserPoolIdentityProviderGoogleProps extends IdentityProviderBaseProps, IdentityProviderSecretSyncProps {
  /** The OAuth client id of your Google Cloud project. */
  readonly clientId: string;

  /**
   * The OAuth client secret as plain text, as aws-cdk-lib takes it. It is written into the template as it is,
   * with a synth-time warning (`cdk-cognito-userpools:plainTextSecret`, acknowledgeable): prefer
   * `clientSecretValue`. Give exactly one of `clientSecret` and `clientSecretValue`.
   * @default - none: `clientSecretValue` is given
   */
  readonly clientSecret?: string;

  /**
   * The OAuth client secret, e.g. `SecretValue.secretsManager('google-oauth')`. It reaches the template only as a
   * dynamic reference: a plain-text SecretValue is refused. Give exactly one of `clientSecret` and
   * `clientSecretValue`.
   * @default - none: `clientSecret` is given
   */
  readonly clientSecretValue?: SecretValue;

  /**
   * The Google scopes to request (space-separated in the template).
   * @default ['profile']
   */
  readonly scopes?: string[];
}

/**
 * Sign in with Google. Extends aws-cdk-lib's `UserPoolIdentityProviderGoogle`, taking the
 * client secret as a `SecretValue` (a plain `clientSecret` still works, with a warning) and
 * validating scopes and the attribute mapping.
 *
 * @resource AWS::Cognito::UserPoolIdentityProvider
 */
export class UserPoolIdentityProviderGoogle extends cognito.UserPoolIdentityProviderGoogle {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolIdentityProviderGoogle';

  constructor(scope: Construct, id: string, props: UserPoolIdentityProviderGoogleProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolIdentityProviderGoogle.PROPERTY_INJECTION_ID, cognito.UserPoolIdentityProviderGoogle.PROPERTY_INJECTION_ID);
    const pending = pendingScope(scope, id);
    requireProps(pending, props, { userPool: AN_IUSER_POOL, clientId: A_STRING });
    const secret: SecretProps = { plainProp: 'clientSecret', valueProp: 'clientSecretValue', plain: props.clientSecret, value: props.clientSecretValue };
    checkSecretProps(pending, secret);
    // The base class gets the secret as a SecretValue (its string prop is deprecated: no second
    // warning); the provider details are written below, after our own validation.
    super(scope, id, {
      userPool: props.userPool,
      clientId: props.clientId,
      clientSecretValue: props.clientSecretValue ?? SecretValue.unsafePlainText(props.clientSecret!),
    });
    checkClientId(this, props.clientId);
    cfnOf(this).providerDetails = {
      client_id: props.clientId,
      client_secret: renderSecretProps(this, secret),
      authorize_scopes: renderScopes(this, props.scopes ?? ['profile'], ' '),
    };
    applyIdentifiers(this, props.identifiers);
    applyAttributeMapping(this, props.attributeMapping);
    checkUniqueInPool(this, props.userPool);
    applySecretSync(this, props.userPool, props.syncSecretOnRotation, 'client_secret', 'clientSecretValue');
  }
}
