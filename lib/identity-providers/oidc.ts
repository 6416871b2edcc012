import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import {
  SecretProps, applyAttributeMapping, cfnOf, checkClientId, checkIdentifiers, checkProviderName, checkSecretProps,
  renderScopes, renderSecretProps, checkUniqueInPool,
} from './private/helpers';
import { IdentityProviderBaseProps } from './base';
import { applySecretSync } from './secret-sync';
import { IdentityProviderSecretSyncProps } from './secret-sync-props';
import { pendingScope } from '../private/pending-scope';
import { A_STRING, AN_IUSER_POOL, checkEnumMember, requireProps } from '../private/runtime-types';
import { checkUrl, fail, isUnresolved } from '../private/validation';
import { applyPropertyInjectors } from '../private/property-injection';

/** The HTTP method Cognito uses to request user attributes from an OIDC provider. */
export enum OidcAttributeRequestMethod {
  /** GET */
  GET = 'GET',
  /** POST */
  POST = 'POST',
}

/** Explicit endpoints of an OIDC provider (each an https URL). */
export interface OidcEndpoints extends cognito.OidcEndpoints {
}

/** Properties of a {@link UserPoolIdentityProviderOidc}. */
export interface UserPoolIdentityProviderOidcProps extends IdentityProviderBaseProps, IdentityProviderSecretSyncProps {
  /** The client id the OIDC provider issued to your user pool. */
  readonly clientId: string;

  /**
   * The client secret as plain text, as aws-cdk-lib takes it. It is written into the template as it is,
   * with a synth-time warning (`cdk-cognito-userpools:plainTextSecret`, acknowledgeable): prefer
   * `clientSecretValue`. Give exactly one of `clientSecret` and `clientSecretValue`.
   * @default - none: `clientSecretValue` is given
   */
  readonly clientSecret?: string;

  /**
   * The client secret, e.g. `SecretValue.secretsManager('corp-oidc')`. It reaches the template only as a
   * dynamic reference: a plain-text SecretValue is refused. Give exactly one of `clientSecret` and
   * `clientSecretValue`.
   * @default - none: `clientSecret` is given
   */
  readonly clientSecretValue?: SecretValue;

  /**
   * The issuer URL (https). Cognito discovers the endpoints from
   * `<issuer>/.well-known/openid-configuration` unless `endpoints` is set.
   */
  readonly issuerUrl: string;

  /**
   * The provider name: 3 to 32 characters, used in the client's supported identity providers
   * and the `identity_provider` parameter.
   * @default - a name derived from the construct path
   */
  readonly name?: string;

  /**
   * The scopes to request; must include `openid`.
   * @default ['openid']
   */
  readonly scopes?: string[];


  /**
   * The HTTP method Cognito uses to call the userinfo endpoint.
   * This library's `OidcAttributeRequestMethod` or aws-cdk-lib's (the same values).
   * @default OidcAttributeRequestMethod.GET
   */
  readonly attributeRequestMethod?: OidcAttributeRequestMethod | cognito.OidcAttributeRequestMethod;

  /**
   * Explicit endpoints (https), for providers whose discovery document Cognito can't use.
   * @default - discovered from the issuer URL
   */
  readonly endpoints?: OidcEndpoints;
}

/**
 * An OpenID Connect identity provider. Extends aws-cdk-lib's `UserPoolIdentityProviderOidc`,
 * taking the client secret as a `SecretValue` (the CDK's takes only a plain string,
 * aws-cdk#34110; a plain `clientSecret` still works, with a warning) and validating name,
 * identifiers, scopes and https URLs.
 *
 * @resource AWS::Cognito::UserPoolIdentityProvider
 */
export class UserPoolIdentityProviderOidc extends cognito.UserPoolIdentityProviderOidc {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolIdentityProviderOidc';

  constructor(scope: Construct, id: string, props: UserPoolIdentityProviderOidcProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolIdentityProviderOidc.PROPERTY_INJECTION_ID, cognito.UserPoolIdentityProviderOidc.PROPERTY_INJECTION_ID);
    const pending = pendingScope(scope, id);
    requireProps(pending, props, { userPool: AN_IUSER_POOL, clientId: A_STRING, issuerUrl: A_STRING });
    const secret: SecretProps = { plainProp: 'clientSecret', valueProp: 'clientSecretValue', plain: props.clientSecret, value: props.clientSecretValue };
    checkSecretProps(pending, secret);
    checkEnumMember(pending, 'attributeRequestMethod', props.attributeRequestMethod, OidcAttributeRequestMethod, 'OidcAttributeRequestMethod');
    // The name and identifiers are set below, after our own validation.
    super(scope, id, {
      userPool: props.userPool,
      clientId: props.clientId,
      clientSecret: props.clientSecret ?? props.clientSecretValue!.unsafeUnwrap(),
      issuerUrl: props.issuerUrl,
    });
    checkClientId(this, props.clientId);
    checkProviderName(this, props.name);
    checkIdentifiers(this, props.identifiers);
    checkUrl(this, 'issuerUrl', props.issuerUrl, { httpsOnly: true });
    const endpoints = props.endpoints;
    checkUrl(this, 'endpoints.authorization', endpoints?.authorization, { httpsOnly: true });
    checkUrl(this, 'endpoints.token', endpoints?.token, { httpsOnly: true });
    checkUrl(this, 'endpoints.userInfo', endpoints?.userInfo, { httpsOnly: true });
    checkUrl(this, 'endpoints.jwksUri', endpoints?.jwksUri, { httpsOnly: true });
    const scopes = props.scopes ?? ['openid'];
    if (!isUnresolved(scopes) && !scopes.some(isUnresolved) && !scopes.includes('openid')) {
      fail(this, 'scopes', scopes, 'a list that includes "openid"');
    }

    const cfn = cfnOf(this);
    if (props.name !== undefined) cfn.providerName = props.name;
    cfn.idpIdentifiers = props.identifiers;
    cfn.providerDetails = {
      client_id: props.clientId,
      client_secret: renderSecretProps(this, secret),
      attributes_request_method: props.attributeRequestMethod ?? OidcAttributeRequestMethod.GET,
      oidc_issuer: props.issuerUrl,
      authorize_scopes: renderScopes(this, scopes, ' '),
      authorize_url: endpoints?.authorization,
      token_url: endpoints?.token,
      attributes_url: endpoints?.userInfo,
      jwks_uri: endpoints?.jwksUri,
    };
    applyAttributeMapping(this, props.attributeMapping);
    checkUniqueInPool(this, props.userPool);
    applySecretSync(this, props.userPool, props.syncSecretOnRotation, 'client_secret', 'clientSecretValue');
  }
}
