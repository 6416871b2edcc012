import * as fs from 'fs';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
import {
  applyAttributeMapping, cfnOf, checkIdentifiers, checkProviderName, checkUniqueInPool,
} from './private/helpers';
import { IdentityProviderBaseProps } from './base';
import { pendingScope } from '../private/pending-scope';
import { AN_IUSER_POOL, anObject, checkEnumMember, requireProps } from '../private/runtime-types';
import { ValidationError, checkUrl, isUnresolved } from '../private/validation';
import { applyPropertyInjectors } from '../private/property-injection';

/** Cognito keeps each provider detail in at most 131,072 characters. */
const MAX_METADATA_CHARS = 131072;

/** Properties of a {@link UserPoolIdentityProviderSaml}. */
export interface UserPoolIdentityProviderSamlProps extends IdentityProviderBaseProps {
  /**
   * The IdP's SAML metadata: `SamlMetadata.url(...)` (https), `SamlMetadata.file(content)`
   * or `SamlMetadata.fromFilePath(path)`.
   */
  readonly metadata: cognito.UserPoolIdentityProviderSamlMetadata;

  /**
   * The provider name: 3 to 32 characters, used in the client's supported identity providers
   * and the `identity_provider` parameter.
   * @default - a name derived from the construct path
   */
  readonly name?: string;


  /**
   * Send a SAML sign-out request to the IdP when a user signs out of the pool.
   * @default false
   */
  readonly idpSignout?: boolean;

  /**
   * Require the IdP to encrypt its SAML assertions with the pool's encryption certificate.
   * @default false
   */
  readonly encryptedResponses?: boolean;

  /**
   * Sign the SAML requests Cognito sends to the IdP with this algorithm: this library's
   * `SamlRequestSigningAlgorithm` or aws-cdk-lib's `SigningAlgorithm` (the same values).
   * @default - requests are not signed
   */
  readonly requestSigningAlgorithm?: SamlRequestSigningAlgorithm | cognito.SigningAlgorithm;

  /**
   * Accept IdP-initiated sign-in (unsolicited SAML assertions).
   * @default false
   */
  readonly idpInitiated?: boolean;
}

/** The algorithm Cognito signs SAML requests with (aws-cdk-lib's `SigningAlgorithm` is accepted as well). */
export enum SamlRequestSigningAlgorithm {
  /** RSA with SHA-256. */
  RSA_SHA256 = 'rsa-sha256',
}

/** Builds the SAML metadata of an identity provider. */
export class SamlMetadata {
  /** Metadata that Cognito downloads from an https URL (and refreshes). */
  public static url(url: string): cognito.UserPoolIdentityProviderSamlMetadata {
    return cognito.UserPoolIdentityProviderSamlMetadata.url(url);
  }

  /** Metadata given as the XML content of the IdP's metadata file. */
  public static file(content: string): cognito.UserPoolIdentityProviderSamlMetadata {
    return cognito.UserPoolIdentityProviderSamlMetadata.file(content);
  }

  /** Reads an IdP metadata XML file at synth and passes its content to Cognito. */
  public static fromFilePath(filePath: string): cognito.UserPoolIdentityProviderSamlMetadata {
    return cognito.UserPoolIdentityProviderSamlMetadata.file(fs.readFileSync(filePath, 'utf-8'));
  }

  private constructor() {}
}

/**
 * A SAML 2.0 identity provider. Extends aws-cdk-lib's `UserPoolIdentityProviderSaml` and
 * validates the name, identifiers, the metadata URL (https) and the metadata file (an XML
 * `EntityDescriptor` with an `IDPSSODescriptor`, within Cognito's size limit).
 *
 * @resource AWS::Cognito::UserPoolIdentityProvider
 */
export class UserPoolIdentityProviderSaml extends cognito.UserPoolIdentityProviderSaml {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolIdentityProviderSaml';

  constructor(scope: Construct, id: string, props: UserPoolIdentityProviderSamlProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolIdentityProviderSaml.PROPERTY_INJECTION_ID, cognito.UserPoolIdentityProviderSaml.PROPERTY_INJECTION_ID);
    requireProps(pendingScope(scope, id), props, { userPool: AN_IUSER_POOL, metadata: anObject('a UserPoolIdentityProviderSamlMetadata (SamlMetadata.url, file or fromFilePath)') });
    checkEnumMember(pendingScope(scope, id), 'requestSigningAlgorithm', props.requestSigningAlgorithm, SamlRequestSigningAlgorithm, 'SamlRequestSigningAlgorithm');
    // The name and identifiers are set below, after our own validation.
    super(scope, id, { userPool: props.userPool, metadata: props.metadata });
    checkProviderName(this, props.name);
    checkIdentifiers(this, props.identifiers);
    const { metadataType, metadataContent } = props.metadata;
    const isUrl = metadataType === cognito.UserPoolIdentityProviderSamlMetadataType.URL;
    if (isUrl) {
      checkUrl(this, 'metadata.url', metadataContent, { httpsOnly: true });
    } else {
      checkMetadataFile(this, metadataContent);
    }

    const cfn = cfnOf(this);
    if (props.name !== undefined) cfn.providerName = props.name;
    cfn.idpIdentifiers = props.identifiers;
    cfn.providerDetails = {
      MetadataURL: isUrl ? metadataContent : undefined,
      MetadataFile: isUrl ? undefined : metadataContent,
      // Booleans, as aws-cdk-lib writes them: swapping the import leaves a deployed IdP's template as it is.
      IDPSignout: props.idpSignout ?? false,
      IDPInit: props.idpInitiated,
      EncryptedResponses: props.encryptedResponses,
      RequestSigningAlgorithm: props.requestSigningAlgorithm,
    };
    applyAttributeMapping(this, props.attributeMapping);
    checkUniqueInPool(this, props.userPool);
  }
}

/** A metadata file must be SAML metadata XML for an IdP and fit Cognito's limit. */
function checkMetadataFile(scope: IConstruct, content: string): void {
  if (isUnresolved(content)) return;
  const summary = `${JSON.stringify(content.trim().slice(0, 40))}... (${content.length} characters)`;
  if (content.length > MAX_METADATA_CHARS) {
    throw new ValidationError(scope, 'metadata.file', summary, `SAML metadata of at most ${MAX_METADATA_CHARS} characters`);
  }
  const xml = content.trim();
  if (!xml.startsWith('<') || !/<([\w-]+:)?EntityDescriptor[\s>]/.test(xml) || !/<([\w-]+:)?IDPSSODescriptor[\s>]/.test(xml)) {
    throw new ValidationError(scope, 'metadata.file', summary, 'SAML metadata XML with an EntityDescriptor that holds an IDPSSODescriptor');
  }
}
