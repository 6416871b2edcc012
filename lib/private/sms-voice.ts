import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** What `sms-voice:SendTextMessage` is granted on for Cognito's End User Messaging SMS role. */
export interface SendTextMessageScope {
  /** The origination identity (phone number id, pool id, sender id, their ARNs, or an E.164 number). */
  readonly originationIdentity?: string;
  /** The configuration set (name or ARN). */
  readonly configurationSetName?: string;
  /** The Region of End User Messaging SMS. */
  readonly region?: string;
}

/**
 * The resources of `sms-voice:SendTextMessage` for one origination identity: its ARN, the
 * configuration set's when one is set, and the opt-out lists of the identity's account and
 * Region (SendTextMessage checks the list it consults, which the identity, not the caller,
 * chooses). IAM names a phone number by its id, so an identity given as an E.164 number (or
 * as a token) narrows to the phone numbers of the account and Region; with no identity End
 * User Messaging picks any of them, so the grant covers the account and Region.
 */
export function sendTextMessageResources(scope: IConstruct, config: SendTextMessageScope): string[] {
  const stack = Stack.of(scope);
  const identity = config.originationIdentity;
  let region = config.region ?? stack.region;
  let account = stack.account;
  // A shared identity is named by its full ARN: its account and Region are the ones that matter.
  if (identity !== undefined && !Token.isUnresolved(identity) && identity.startsWith('arn:')) {
    const parts = identity.split(':');
    region = parts[3] || region;
    account = parts[4] || account;
  }
  const arn = (resource: string) => stack.formatArn({ service: 'sms-voice', region, account, resource, arnFormat: ArnFormat.NO_RESOURCE_NAME });

  const resources: string[] = [];
  if (identity === undefined || Token.isUnresolved(identity)) {
    resources.push(arn('*'));
  } else if (identity.startsWith('arn:')) {
    resources.push(identity);
  } else if (identity.startsWith('phone-')) {
    resources.push(arn(`phone-number/${identity}`));
  } else if (identity.startsWith('pool-')) {
    resources.push(arn(`pool/${identity}`));
  } else if (identity.startsWith('+')) {
    resources.push(arn('phone-number/*'));
  } else {
    // A sender id: its ARN ends with the country code, which the configuration does not give.
    resources.push(arn(`sender-id/${identity}/*`));
  }
  const configurationSet = config.configurationSetName;
  if (configurationSet !== undefined) {
    resources.push(!Token.isUnresolved(configurationSet) && configurationSet.startsWith('arn:')
      ? configurationSet
      : arn(`configuration-set/${configurationSet}`));
  }
  if (!resources.some((r) => r === arn('*'))) resources.push(arn('opt-out-list/*'));
  return resources;
}
