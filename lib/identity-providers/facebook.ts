import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { applyAttributeMapping, applyIdentifiers, cfnOf, checkClientId, renderScopes, renderSecret, checkUniqueInPool } from './private/helpers';
import { IdentityProviderBaseProps } from './base';
import { pendingScope } from '../private/pending-scope';
import { A_SECRET_VALUE, A_STRING, AN_IUSER_POOL, requireProps } from '../private/runtime-types';
import { checkPattern } from '../private/validation';

/** Properties of a {@link UserPoolIdentityProviderFacebook}. */
export interface UserPoolIdentityProviderFacebookProps extends IdentityProviderBaseProps {
  /** The Facebook app id. */
  readonly clientId: string;

  /**
   * The Facebook app secret, e.g. `SecretValue.secretsManager('facebook-app')`. It reaches the
   * template only as a dynamic reference: a plain-text value is refused.
   */
  readonly clientSecretValue: SecretValue;

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
 * app secret as a `SecretValue` (the CDK's takes a plain string) and validating the rest.
 *
 * @resource AWS::Cognito::UserPoolIdentityProvider
 */
export class UserPoolIdentityProviderFacebook extends cognito.UserPoolIdentityProviderFacebook {
  constructor(scope: Construct, id: string, props: UserPoolIdentityProviderFacebookProps) {
    requireProps(pendingScope(scope, id), props, { userPool: AN_IUSER_POOL, clientId: A_STRING, clientSecretValue: A_SECRET_VALUE });
    super(scope, id, { userPool: props.userPool, clientId: props.clientId, clientSecret: props.clientSecretValue.unsafeUnwrap() });
    checkClientId(this, props.clientId);
    checkPattern(this, 'apiVersion', props.apiVersion, /^v\d+\.\d+$/, 'a Graph API version such as "v17.0"');
    cfnOf(this).providerDetails = {
      client_id: props.clientId,
      client_secret: renderSecret(this, 'clientSecretValue', props.clientSecretValue),
      authorize_scopes: renderScopes(this, props.scopes ?? ['public_profile'], ','),
      api_version: props.apiVersion,
    };
    applyIdentifiers(this, props.identifiers);
    applyAttributeMapping(this, props.attributeMapping);
    checkUniqueInPool(this, props.userPool);
  }
}
