import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { applyAttributeMapping, applyIdentifiers, cfnOf, checkClientId, renderScopes, renderSecret, checkUniqueInPool } from './private/helpers';
import { IdentityProviderBaseProps } from './base';
import { pendingScope } from '../private/pending-scope';
import { A_SECRET_VALUE, A_STRING, AN_IUSER_POOL, requireProps } from '../private/runtime-types';

/** The scopes Login with Amazon grants. */
const AMAZON_SCOPES = ['profile', 'profile:user_id', 'postal_code'];

/** Properties of a {@link UserPoolIdentityProviderAmazon}. */
export interface UserPoolIdentityProviderAmazonProps extends IdentityProviderBaseProps {
  /** The client id of your Login with Amazon security profile. */
  readonly clientId: string;

  /**
   * The client secret of the security profile, e.g. `SecretValue.secretsManager('lwa')`. It
   * reaches the template only as a dynamic reference: a plain-text value is refused.
   */
  readonly clientSecretValue: SecretValue;

  /**
   * The customer profile scopes to request: `profile`, `profile:user_id`, `postal_code`.
   * @default ['profile']
   */
  readonly scopes?: string[];
}

/**
 * Login with Amazon. Extends aws-cdk-lib's `UserPoolIdentityProviderAmazon`, taking the
 * client secret as a `SecretValue` (the CDK's takes a plain string) and validating the rest.
 *
 * @resource AWS::Cognito::UserPoolIdentityProvider
 */
export class UserPoolIdentityProviderAmazon extends cognito.UserPoolIdentityProviderAmazon {
  constructor(scope: Construct, id: string, props: UserPoolIdentityProviderAmazonProps) {
    requireProps(pendingScope(scope, id), props, { userPool: AN_IUSER_POOL, clientId: A_STRING, clientSecretValue: A_SECRET_VALUE });
    super(scope, id, { userPool: props.userPool, clientId: props.clientId, clientSecret: props.clientSecretValue.unsafeUnwrap() });
    checkClientId(this, props.clientId);
    cfnOf(this).providerDetails = {
      client_id: props.clientId,
      client_secret: renderSecret(this, 'clientSecretValue', props.clientSecretValue),
      authorize_scopes: renderScopes(this, props.scopes ?? ['profile'], ' ', AMAZON_SCOPES),
    };
    applyIdentifiers(this, props.identifiers);
    applyAttributeMapping(this, props.attributeMapping);
    checkUniqueInPool(this, props.userPool);
  }
}
