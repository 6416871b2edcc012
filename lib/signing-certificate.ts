import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { SIGNING_CERTIFICATE_ACTIONS } from './private/cognito-actions';
import { CognitoProvider } from './private/provider';
import { AN_IUSER_POOL, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Properties of a {@link SigningCertificate}. */
export interface SigningCertificateProps {
  /** The pool whose SAML signing certificate to read. */
  readonly userPool: cognito.IUserPool;
}

/**
 * The certificate a user pool signs SAML 2.0 requests with (GetSigningCertificate), which
 * CloudFormation does not expose. Give `certificate` to a SAML identity provider's
 * configuration, an output or a parameter.
 */
export class SigningCertificate extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.SigningCertificate';
  /** The X.509 signing certificate, in PEM. */
  public readonly certificate: string;

  constructor(scope: Construct, id: string, props: SigningCertificateProps) {
    props = applyPropertyInjectors(scope, id, props, SigningCertificate.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL });
    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, SIGNING_CERTIFICATE_ACTIONS);
    const resource = provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoSigningCertificate',
      properties: { UserPoolId: props.userPool.userPoolId },
    });
    this.certificate = resource.getAttString('Certificate');
  }
}
