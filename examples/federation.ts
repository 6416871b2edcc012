import * as path from 'path';
import { App, CfnOutput, SecretValue, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import {
  OidcAttribute, SamlAttribute, SamlMetadata, SamlRequestSigningAlgorithm, UserPool,
  UserPoolIdentityProviderOidc, UserPoolIdentityProviderSaml,
} from '../lib';

/**
 * A workforce pool federated with a corporate SAML IdP and a partner OIDC IdP, and one app
 * client that signs in through either. The OIDC client secret stays in Secrets Manager: the
 * template carries only a `{{resolve:secretsmanager:...}}` reference.
 */
export class FederationStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const userPool = new UserPool(this, 'Pool', {
      customAttributes: { department: new cognito.StringAttribute({ mutable: true }) },
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The example runs on Essentials to show the identity providers, which every tier offers; ThreatProtectionAndLogs shows the Plus tier.',
    });

    const corporate = new UserPoolIdentityProviderSaml(this, 'CorporateSaml', {
      userPool,
      name: 'Corporate',
      metadata: SamlMetadata.fromFilePath(path.join(__dirname, 'saml-idp-metadata.xml')),
      identifiers: ['example.com', 'corp.example.com'],
      requestSigningAlgorithm: SamlRequestSigningAlgorithm.RSA_SHA256,
      encryptedResponses: true,
      idpSignout: true,
      attributeMapping: {
        email: SamlAttribute.EMAIL_ADDRESS,
        givenName: SamlAttribute.GIVEN_NAME,
        familyName: SamlAttribute.SURNAME,
        custom: { 'custom:department': SamlAttribute.of('department') },
      },
    });

    const partner = new UserPoolIdentityProviderOidc(this, 'PartnerOidc', {
      userPool,
      name: 'Partner',
      clientId: 'cognito-federation',
      // The secret must exist before deployment: `aws secretsmanager create-secret --name
      // federation/partner-oidc --secret-string '{"clientSecret":"..."}'`.
      clientSecretValue: SecretValue.secretsManager('federation/partner-oidc', { jsonField: 'clientSecret' }),
      // When the partner's secret is rotated in Secrets Manager, the provider gets the new value
      // without waiting for the next deployment.
      syncSecretOnRotation: true,
      issuerUrl: 'https://login.partner.example.net',
      scopes: ['openid', 'email', 'profile'],
      identifiers: ['partner.example.net'],
      attributeMapping: {
        email: OidcAttribute.EMAIL,
        emailVerified: OidcAttribute.EMAIL_VERIFIED,
        fullname: OidcAttribute.NAME,
        username: OidcAttribute.SUB,
      },
    });

    const client = userPool.addClient('WebClient', {
      supportedIdentityProviders: [
        cognito.UserPoolClientIdentityProvider.custom(corporate.providerName),
        cognito.UserPoolClientIdentityProvider.custom(partner.providerName),
      ],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: ['https://app.example.com/callback'],
        logoutUrls: ['https://app.example.com/signed-out'],
      },
    });

    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'ClientId', { value: client.userPoolClientId });
  }
}

export function addFederation(app: App): Stack {
  return new FederationStack(app, 'Federation', { env: { account: '123456789012', region: 'us-east-1' } });
}
