import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import {
  SecretProps, applyAttributeMapping, applyIdentifiers, cfnOf, checkClientId, checkSecretProps, renderScopes, renderSecretProps, checkUniqueInPool,
} from './private/helpers';
import { IdentityProviderBaseProps } from './base';
import { applySecretSync } from './secret-sync';
import { IdentityProviderSecretSyncProps } from './secret-sync-props';
import { pendingScope } from '../private/pending-scope';
import { A_STRING, AN_IUSER_POOL, requireProps } from '../private/runtime-types';
import { checkPattern } from '../private/validation';
import { applyPropertyInjectors } from '../private/property-injection';

/** Apple team and key ids are 10 upper-case letters and digits. */
const APPLE_ID = /^[A-Z0-9]{10}$/;

/** Properties of a {@link UserPoolIdentityProviderApple}. */
export interface UserPoolIdentityProviderAppleProps extends IdentityProviderBaseProps, IdentityProviderSecretSyncProps {
  /** The services id registered with Apple. */
  readonly clientId: string;

  /** Your Apple developer team id (10 characters). */
  readonly teamId: string;

  /** The id of the Sign in with Apple private key (10 characters). */
  readonly keyId: string;

  /**
   * The private key (the .p8 file's content) as plain text, as aws-cdk-lib takes it. It is written into the template as it is,
   * with a synth-time warning (`cdk-cognito-userpools:plainTextSecret`, acknowledgeable): prefer
   * `privateKeyValue`. Give exactly one of `privateKey` and `privateKeyValue`.
   * @default - none: `privateKeyValue` is given
   */
  readonly privateKey?: string;

  /**
   * The private key (the .p8 file's content), e.g. `SecretValue.secretsManager('apple-key')`. It reaches the template only as a
   * dynamic reference: a plain-text SecretValue is refused. Give exactly one of `privateKey` and
   * `privateKeyValue`.
   * @default - none: `privateKey` is given
   */
  readonly privateKeyValue?: SecretValue;

  /**
   * The scopes to request: `name` and/or `email`.
   * @default ['name']
   */
  readonly scopes?: string[];
}

/**
 * Sign in with Apple. Extends aws-cdk-lib's `UserPoolIdentityProviderApple`, taking the
 * private key as a `SecretValue` (a plain `privateKey` still works, with a warning) and
 * validating the ids and scopes.
 *
 * @resource AWS::Cognito::UserPoolIdentityProvider
 */
export class UserPoolIdentityProviderApple extends cognito.UserPoolIdentityProviderApple {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolIdentityProviderApple';

  constructor(scope: Construct, id: string, props: UserPoolIdentityProviderAppleProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolIdentityProviderApple.PROPERTY_INJECTION_ID, cognito.UserPoolIdentityProviderApple.PROPERTY_INJECTION_ID);
    const pending = pendingScope(scope, id);
    requireProps(pending, props, { userPool: AN_IUSER_POOL, clientId: A_STRING, teamId: A_STRING, keyId: A_STRING });
    const secret: SecretProps = { plainProp: 'privateKey', valueProp: 'privateKeyValue', plain: props.privateKey, value: props.privateKeyValue };
    // Before the base class, whose own check says only "Exactly one of ...".
    checkSecretProps(pending, secret);
    super(scope, id, {
      userPool: props.userPool,
      clientId: props.clientId,
      teamId: props.teamId,
      keyId: props.keyId,
      privateKey: props.privateKey,
      privateKeyValue: props.privateKeyValue,
    });
    checkClientId(this, props.clientId);
    checkPattern(this, 'teamId', props.teamId, APPLE_ID, '10 upper-case letters and digits');
    checkPattern(this, 'keyId', props.keyId, APPLE_ID, '10 upper-case letters and digits');
    cfnOf(this).providerDetails = {
      client_id: props.clientId,
      team_id: props.teamId,
      key_id: props.keyId,
      private_key: renderSecretProps(this, secret),
      authorize_scopes: renderScopes(this, props.scopes ?? ['name'], ' ', ['name', 'email']),
    };
    applyIdentifiers(this, props.identifiers);
    applyAttributeMapping(this, props.attributeMapping);
    checkUniqueInPool(this, props.userPool);
    applySecretSync(this, props.userPool, props.syncSecretOnRotation, 'private_key', 'privateKeyValue');
  }
}
