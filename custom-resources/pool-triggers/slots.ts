/**
 * The trigger slots of a pool's LambdaConfig, read and written one way for every slot: a
 * value is a function ARN, with its event version where the slot has one.
 */
import type { LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';

/** The Lambda trigger slots (LambdaConfig members that name a function). */
export const TRIGGER_SLOTS = [
  'PreSignUp', 'CustomMessage', 'PostConfirmation', 'PreAuthentication', 'PostAuthentication', 'DefineAuthChallenge',
  'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'PreTokenGeneration', 'UserMigration', 'CustomEmailSender',
  'CustomSMSSender', 'InboundFederation',
] as const;
export type TriggerSlot = typeof TRIGGER_SLOTS[number];

/** The key of the custom senders: a slot of its own (another writer's senders may use it). */
export const KMS_KEY_SLOT = 'KMSKeyID';
export type Slot = TriggerSlot | typeof KMS_KEY_SLOT;

/** Slots whose value carries an event version (`LambdaVersion`). */
export const VERSIONED_SLOTS: readonly TriggerSlot[] = ['PreTokenGeneration', 'CustomEmailSender', 'CustomSMSSender', 'InboundFederation'];

/** The event versions each versioned slot accepts. */
export const SLOT_VERSIONS: { readonly [slot: string]: readonly string[] } = {
  PreTokenGeneration: ['V1_0', 'V2_0', 'V3_0'],
  CustomEmailSender: ['V1_0'],
  CustomSMSSender: ['V1_0'],
  InboundFederation: ['V1_0'],
};

/** What a slot holds: a function (or key) ARN, and the event version of a versioned slot. */
export interface SlotValue {
  readonly arn: string;
  readonly version?: string;
}

type Config = { [key: string]: any };

/** The value of `slot` in `config`, or undefined when the slot is empty. */
export function readSlot(config: LambdaConfigType, slot: Slot): SlotValue | undefined {
  const c = config as Config;
  if (slot === 'PreTokenGeneration') {
    const versioned = c.PreTokenGenerationConfig;
    if (versioned?.LambdaArn) return { arn: versioned.LambdaArn, version: versioned.LambdaVersion ?? 'V1_0' };
    return c.PreTokenGeneration ? { arn: c.PreTokenGeneration, version: 'V1_0' } : undefined;
  }
  if (VERSIONED_SLOTS.includes(slot as TriggerSlot)) {
    const versioned = c[slot];
    return versioned?.LambdaArn ? { arn: versioned.LambdaArn, version: versioned.LambdaVersion ?? 'V1_0' } : undefined;
  }
  return typeof c[slot] === 'string' && c[slot] !== '' ? { arn: c[slot] } : undefined;
}

/** Sets (or with `undefined`, empties) `slot` in `config`, in place. */
export function writeSlot(config: LambdaConfigType, slot: Slot, value: SlotValue | undefined): void {
  const c = config as Config;
  if (slot === 'PreTokenGeneration') {
    // The legacy member and the versioned one name the same function.
    if (value === undefined) {
      delete c.PreTokenGeneration;
      delete c.PreTokenGenerationConfig;
    } else {
      c.PreTokenGeneration = value.arn;
      c.PreTokenGenerationConfig = { LambdaArn: value.arn, LambdaVersion: value.version ?? 'V1_0' };
    }
    return;
  }
  if (value === undefined) {
    delete c[slot];
  } else if (VERSIONED_SLOTS.includes(slot as TriggerSlot)) {
    c[slot] = { LambdaArn: value.arn, LambdaVersion: value.version ?? 'V1_0' };
  } else {
    c[slot] = value.arn;
  }
}

/** One string for a slot value (the record tags hold it): the ARN, then `=` and the version if any. */
export function encodeValue(value: SlotValue | undefined): string {
  if (value === undefined) return '';
  return value.version ? `${value.arn}=${value.version}` : value.arn;
}

export function decodeValue(text: string): SlotValue | undefined {
  if (text === '') return undefined;
  const at = text.lastIndexOf('=');
  return at < 0 ? { arn: text } : { arn: text.slice(0, at), version: text.slice(at + 1) };
}

export function sameSlotValue(a: SlotValue | undefined, b: SlotValue | undefined): boolean {
  return encodeValue(a) === encodeValue(b);
}

/** How a slot is named in messages: the construct's property name (`preSignUp`, `customSmsSender`, `customSenderKmsKey`). */
export function slotLabel(slot: Slot): string {
  if (slot === KMS_KEY_SLOT) return 'customSenderKmsKey (LambdaConfig.KMSKeyID)';
  const name = slot === 'CustomSMSSender' ? 'customSmsSender' : slot.charAt(0).toLowerCase() + slot.slice(1);
  return `${name} (LambdaConfig.${slot})`;
}
