import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { applyAttributeMapping, applyIdentifiers, cfnOf, checkClientId, renderScopes, renderSecret, checkUniqueInPool } from './private/helpers';
import { IdentityProviderBaseProps } from './base';
import { pendingScope } from '../private/pending-scope';
import { A_SECRET_VALUE, A_STRING, AN_IUSER_POOL, requireProps } from '../private/runtime-types';

/** Properties of a {@link UserPoolIdentityProviderGoogle}. */
export interface UserPoolIdentityProviderGoogleProps extends IdentityProviderBaseProps {
  /** The OAuth client id of your Google Cloud project. */
  readonly clientId: string;

  /**
   * The OAuth client secret, e.g. `SecretValue.secretsManager('google-oauth')`. It reaches
   * the template only as a dynamic reference: a plain-text value is refused.
   */
  readonly clientSecretValue: SecretValue;

  /**
   * The Google scopes to request (space-separated in the template).
   * @default ['profile']
   */
  readonly scopes?: string[];
}

/**
 * Sign in with Google. Extends aws-cdk-lib's `UserPoolIdentityProviderGoogle`, taking the
 * client secret only as a `SecretValue` and validating scopes and the attribute mapping.
 *
 * @resource AWS::Cognito::UserPoolIdentityProvider
 */
export class UserPoolIdentityProviderGoogle extends cognito.UserPoolIdentityProviderGoogle {
  constructor(scope: Construct, id: string, props: UserPoolIdentityProviderGoogleProps) {
    requireProps(pendingScope(scope, id), props, { userPool: AN_IUSER_POOL, clientId: A_STRING, clientSecretValue: A_SECRET_VALUE });
    super(scope, id, { userPool: props.userPool, clientId: props.clientId, clientSecretValue: props.clientSecretValue });
    checkClientId(this, props.clientId);
    cfnOf(this).providerDetails = {
      client_id: props.clientId,
      client_secret: renderSecret(this, 'clientSecretValue', props.clientSecretValue),
      authorize_scopes: renderScopes(this, props.scopes ?? ['profile'], ' '),
    };
    applyIdentifiers(this, props.identifiers);
    applyAttributeMapping(this, props.attributeMapping);
    checkUniqueInPool(this, props.userPool);
  }
}
