/** The opt-in of the Google, Facebook, Amazon, Apple and OIDC providers to follow their secret in Secrets Manager. */
export interface IdentityProviderSecretSyncProps {
  /**
   * Keeps the provider's client secret (Apple: private key) equal to its Secrets Manager secret
   * after the deployment: when the secret's value changes (a rotation, PutSecretValue,
   * UpdateSecret, a moved AWSCURRENT), the stack's secret-rotation function writes the new value
   * to the provider with UpdateIdentityProvider, keeping every other provider detail, the
   * attribute mapping and the identifiers. CloudFormation itself reads a dynamic reference only
   * when it deploys the provider. Needs the secret as a Secrets Manager `SecretValue`
   * (`SecretValue.secretsManager(...)`, `secret.secretValueFromJson(...)`), and adds the stack's
   * secret-rotation function (one per stack) and an EventBridge rule on the secret's change
   * events (from CloudTrail, which records them in every account).
   * @default false
   */
  readonly syncSecretOnRotation?: boolean;
}
