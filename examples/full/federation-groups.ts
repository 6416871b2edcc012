import * as path from 'path';
import { SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AmazonAttribute, AppleAttribute, FacebookAttribute, GoogleAttribute, OidcAttribute, OidcAttributeRequestMethod,
  ResourceServerScope, SamlAttribute, SamlMetadata, SamlRequestSigningAlgorithm, UserPoolGroup,
  UserPoolIdentityProviderAmazon, UserPoolIdentityProviderApple, UserPoolIdentityProviderFacebook,
  UserPoolIdentityProviderGoogle, UserPoolIdentityProviderOidc, UserPoolIdentityProviderSaml, UserPoolResourceServer,
} from '../../lib';

/** What {@link addFullFederationAndGroups} created, for the caller's app clients. */
export interface FullFederationAndGroups {
  readonly identityProviders: cognito.IUserPoolIdentityProvider[];
  readonly resourceServer: UserPoolResourceServer;
  readonly groups: UserPoolGroup[];
}

/**
 * Adds to a pool every identity provider type, a group and a resource server, setting every
 * property path of AWS::Cognito::UserPoolIdentityProvider, UserPoolGroup and
 * UserPoolResourceServer. Secrets come from Secrets Manager (`full-pool/...` secrets that must
 * exist before deployment).
 */
export function addFullFederationAndGroups(stack: Stack, pool: cognito.IUserPool): FullFederationAndGroups {
  const secret = (name: string) => SecretValue.secretsManager(`full-pool/${name}`);

  const google = new UserPoolIdentityProviderGoogle(stack, 'Google', {
    userPool: pool,
    clientId: '1234567890-example.apps.googleusercontent.com',
    clientSecretValue: secret('google'),
    scopes: ['openid', 'email', 'profile'],
    attributeMapping: { email: GoogleAttribute.EMAIL, emailVerified: GoogleAttribute.EMAIL_VERIFIED, profilePicture: GoogleAttribute.PICTURE },
  });
  const facebook = new UserPoolIdentityProviderFacebook(stack, 'Facebook', {
    userPool: pool,
    clientId: '1234567890',
    clientSecretValue: secret('facebook'),
    scopes: ['public_profile', 'email'],
    apiVersion: 'v19.0',
    attributeMapping: { email: FacebookAttribute.EMAIL, givenName: FacebookAttribute.FIRST_NAME, familyName: FacebookAttribute.LAST_NAME },
  });
  const amazon = new UserPoolIdentityProviderAmazon(stack, 'Amazon', {
    userPool: pool,
    clientId: 'amzn1.application-oa2-client.example',
    clientSecretValue: secret('amazon'),
    scopes: ['profile', 'postal_code'],
    attributeMapping: { email: AmazonAttribute.EMAIL, fullname: AmazonAttribute.NAME },
  });
  const apple = new UserPoolIdentityProviderApple(stack, 'Apple', {
    userPool: pool,
    clientId: 'com.example.web',
    teamId: 'ABCDE12345',
    keyId: 'KEY1234567',
    privateKeyValue: secret('apple-key'),
    scopes: ['name', 'email'],
    attributeMapping: { email: AppleAttribute.EMAIL, givenName: AppleAttribute.FIRST_NAME, familyName: AppleAttribute.LAST_NAME },
  });
  const oidc = new UserPoolIdentityProviderOidc(stack, 'Oidc', {
    userPool: pool,
    name: 'Workforce',
    clientId: 'workforce-client',
    clientSecretValue: secret('oidc'),
    issuerUrl: 'https://sso.example.com',
    scopes: ['openid', 'email', 'profile', 'phone'],
    identifiers: ['example.org'],
    attributeRequestMethod: OidcAttributeRequestMethod.POST,
    endpoints: {
      authorization: 'https://sso.example.com/oauth2/authorize',
      token: 'https://sso.example.com/oauth2/token',
      userInfo: 'https://sso.example.com/oauth2/userinfo',
      jwksUri: 'https://sso.example.com/oauth2/keys',
    },
    attributeMapping: {
      username: OidcAttribute.SUB,
      email: OidcAttribute.EMAIL,
      emailVerified: OidcAttribute.EMAIL_VERIFIED,
      phoneNumber: OidcAttribute.PHONE_NUMBER,
      phoneNumberVerified: OidcAttribute.PHONE_NUMBER_VERIFIED,
      fullname: OidcAttribute.NAME,
      givenName: OidcAttribute.GIVEN_NAME,
      familyName: OidcAttribute.FAMILY_NAME,
      middleName: OidcAttribute.MIDDLE_NAME,
      nickname: OidcAttribute.NICKNAME,
      preferredUsername: OidcAttribute.PREFERRED_USERNAME,
      profilePage: OidcAttribute.PROFILE,
      profilePicture: OidcAttribute.PICTURE,
      website: OidcAttribute.WEBSITE,
      gender: OidcAttribute.GENDER,
      birthdate: OidcAttribute.BIRTHDATE,
      timezone: OidcAttribute.ZONEINFO,
      locale: OidcAttribute.LOCALE,
      address: OidcAttribute.ADDRESS,
      lastUpdateTime: OidcAttribute.UPDATED_AT,
    },
  });
  const saml = new UserPoolIdentityProviderSaml(stack, 'Saml', {
    userPool: pool,
    name: 'CorporateSAML',
    metadata: SamlMetadata.fromFilePath(path.join(__dirname, '..', 'saml-idp-metadata.xml')),
    identifiers: ['example.com'],
    idpSignout: true,
    idpInitiated: true,
    encryptedResponses: true,
    requestSigningAlgorithm: SamlRequestSigningAlgorithm.RSA_SHA256,
    attributeMapping: { email: SamlAttribute.EMAIL_ADDRESS, givenName: SamlAttribute.GIVEN_NAME, familyName: SamlAttribute.SURNAME },
  });
  const samlByUrl = new UserPoolIdentityProviderSaml(stack, 'SamlByUrl', {
    userPool: pool,
    name: 'PartnerSAML',
    metadata: SamlMetadata.url('https://idp.partner.example.net/metadata.xml'),
  });

  // Users in the group receive this role through an identity pool.
  const adminRole = new iam.Role(stack, 'AdminGroupRole', {
    assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity'),
  });
  const admins = new UserPoolGroup(stack, 'Admins', {
    userPool: pool,
    groupName: 'admins',
    description: 'Administrators of the example app',
    precedence: 0,
    role: adminRole,
  });

  const resourceServer = new UserPoolResourceServer(stack, 'OrdersApi', {
    userPool: pool,
    identifier: 'https://api.example.com/orders',
    userPoolResourceServerName: 'Orders API',
    scopes: [
      new ResourceServerScope({ scopeName: 'orders.read', scopeDescription: 'Read orders' }),
      new ResourceServerScope({ scopeName: 'orders.write', scopeDescription: 'Create and change orders' }),
    ],
  });

  return {
    identityProviders: [google, facebook, amazon, apple, oidc, saml, samlByUrl],
    resourceServer,
    groups: [admins],
  };
}
