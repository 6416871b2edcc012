import * as cognito from 'aws-cdk-lib/aws-cognito';
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
}
