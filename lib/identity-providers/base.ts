import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { AttributeMapping } from './attribute-mapping';

/** What every identity provider of this library accepts. */
export interface IdentityProviderBaseProps {
  /** The user pool that federates through this provider. */
  readonly userPool: cognito.IUserPool;

  /**
   * How the provider's attributes map onto user pool attributes.
   * @default - no attribute mapping
   */
  readonly attributeMapping?: AttributeMapping;

  /**
   * IdP identifiers (up to 50, each 1 to 40 characters of letters, digits, spaces and
   * `_ + = . @ -`, unique in the pool): names an app passes in the `idp_identifier` parameter
   * of the authorize endpoint to send users straight to this provider. For SAML, identifiers in
   * a domain format (e.g. `example.com`) also route users by their email domain.
   * @default - no identifiers
   */
  readonly identifiers?: string[];
}

/** Identity providers that exist outside this app. */
export class UserPoolIdentityProvider {
  /** Refers to an existing identity provider of a pool by its provider name. */
  public static fromProviderName(scope: Construct, id: string, providerName: string): cognito.IUserPoolIdentityProvider {
    return cognito.UserPoolIdentityProvider.fromProviderName(scope, id, providerName);
  }

  private constructor() {}
}
