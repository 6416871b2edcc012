// aws-cdk-lib types that the props of this library take, re-exported so that a user needs
// only this package's import.
export {
  OAuthScope,
  OidcAttributeRequestMethod,
  OidcEndpoints,
  ProviderAttribute,
  ResourceServerScope,
  ResourceServerScopeProps,
  SigningAlgorithm,
  UserPoolIdentityProviderSamlMetadata,
  UserPoolIdentityProviderSamlMetadataType,
} from 'aws-cdk-lib/aws-cognito';
