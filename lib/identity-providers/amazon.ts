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

/** The scopes Login with Amazon grants. */
const AMAZON_SCOPES = ['profile', 'profile:user_id', 'postal_code'];

/** Properties of a {@link UserPoolIdentityProviderAmazon}. */
export interface UserPoolIdentityProviderAmazonProps extends IdentityProviderBaseProps, IdentityProviderSecretSyncProps {
  /** The client id of your Login with Amazon security profile. */
  readonly clientId: string;

  /**
   * The client secret of the security profile as plain text, as aws-cdk-lib takes it. It is written into the template as it is,
   * with a synth-time warning (`cdk-cognito-userpools:plainTextSecret`, acknowledgeable): prefer
   * `clientSecretValue`. Give exactly one of `clientSecret` and `clientSecretValue`.
   * @default - none: `clientSecretValue` is given
   */
  readonly clientSecret?: string;

  /**
   * The client secret of the security profile, e.g. `SecretValue.secretsManager('lwa')`. It reaches the template only as a
   * dynamic reference: a plain-text SecretValue is refused. Give exactly one of `clientSecret` and
   * `clientSecretValue`.
   * @default - none: `clientSecret` is given
   */
  readonly clientSecretValue?: SecretValue;

  /**
   * The customer profile scopes to request: `profile`, `profile:user_id`, `postal_code`.
   * @default ['profile']
   */
  readonly scopes?: string[];
}

/**
 * Login with Amazon. Extends aws-cdk-lib's `UserPoolIdentityProviderAmazon`, taking the
 * client secret as a `SecretValue` (the CDK's takes only a plain string, which still works here,
 * with a warning) and validating the rest.
 *
 * @resource AWS::Cognito::UserPoolIdentityProvider
 */
export class UserPoolIdentityProviderAmazon extends cognito.UserPoolIdentityProviderAmazon {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolIdentityProviderAmazon';

  constructor(scope: Construct, id: string, props: UserPoolIdentityProviderAmazonProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolIdentityProviderAmazon.PROPERTY_INJECTION_ID, cognito.UserPoolIdentityProviderAmazon.PROPERTY_INJECTION_ID);
    const pending = pendingScope(scope, id);
    requireProps(pending, props, { userPool: AN_IUSER_POOL, clientId: A_STRING });
    const secret: SecretProps = { plainProp: 'clientSecret', valueProp: 'clientSecretValue', plain: props.clientSecret, value: props.clientSecretValue };
    checkSecretProps(pending, secret);
    // The provider details are written below, after our own validation.
    super(scope, id, { userPool: props.userPool, clientId: props.clientId, clientSecret: props.clientSecret ?? props.clientSecretValue!.unsafeUnwrap() });
    checkClientId(this, props.clientId);
    cfnOf(this).providerDetails = {
      client_id: props.clientId,
      client_secret: renderSecretProps(this, secret),
      authorize_scopes: renderScopes(this, props.scopes ?? ['profile'], ' ', AMAZON_SCOPES),
    };
    applyIdentifiers(this, props.identifiers);
    applyAttributeMapping(this, props.attributeMapping);
    checkUniqueInPool(this, props.userPool);
    applySecretSync(this, props.userPool, props.syncSecretOnRotation, 'client_secret', 'clientSecretValue');
  }
}
