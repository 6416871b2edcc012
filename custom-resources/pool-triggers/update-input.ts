/**
 * The one place where a pool as DescribeUserPool returns it becomes the input of UpdateUserPool.
 *
 * UpdateUserPool resets every setting it is not given to its default, so a handler that changes
 * one setting must send back everything else exactly as it is. Every member of the input is
 * either mapped here or listed in {@link EXCLUDED_INPUT_MEMBERS} with the reason; a test compares
 * both lists with the SDK's own list of members, so an SDK that gains a member fails it until
 * someone decides.
 */
import type { UpdateUserPoolCommandInput, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';

type Member = Exclude<keyof UpdateUserPoolCommandInput, 'UserPoolId'>;

/** Members written back from the pool's description unchanged (deep copies). */
export const COPIED_INPUT_MEMBERS = [
  'Policies', 'DeletionProtection', 'LambdaConfig', 'AutoVerifiedAttributes', 'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings', 'MfaConfiguration', 'DeviceConfiguration', 'EmailConfiguration', 'SmsConfiguration',
  'UserPoolAddOns', 'AccountRecoverySetting', 'UserPoolTier', 'KeyConfiguration', 'IssuerConfiguration', 'AcrConfiguration',
] as const satisfies readonly Member[];

/** Members written back with a transformation (see {@link updateInputFrom}). */
export const TRANSFORMED_INPUT_MEMBERS = {
  UserPoolId: 'the pool\'s Id (the description calls it Id)',
  PoolName: 'the pool\'s Name (the description calls it Name)',
  UserPoolTags: 'the pool\'s tags less the keys with the reserved aws: prefix (no caller may write them), with the record tags of this library changed',
  VerificationMessageTemplate: 'with the email message and subject of its DefaultEmailOption only (EmailMessage and EmailSubject for CONFIRM_WITH_CODE, EmailMessageByLink and EmailSubjectByLink for CONFIRM_WITH_LINK): "When you supply both parameters with either choice, Amazon Cognito returns an error" (the API reference)',
  SmsVerificationMessage: 'sent only when the pool has no VerificationMessageTemplate ("This parameter is no longer used"; the template\'s SmsMessage carries it)',
  EmailVerificationMessage: 'sent only when the pool has no VerificationMessageTemplate (no longer used; next to a link template Cognito refuses it, aws-cdk #6811)',
  EmailVerificationSubject: 'sent only when the pool has no VerificationMessageTemplate (no longer used; the template\'s subject carries it)',
  AdminCreateUserConfig: 'without UnusedAccountValidityDays when the password policy sets TemporaryPasswordValidityDays (Cognito refuses both: "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays")',
} as const satisfies { [K in keyof UpdateUserPoolCommandInput]?: string };

/** Members deliberately not sent, with the reason. */
export const EXCLUDED_INPUT_MEMBERS = {
  DcrConfiguration: 'omitted: "If you omit this parameter, Amazon Cognito keeps the existing configuration" (the API reference); sending it back would also turn dynamic client registration on where the description leaves EnableStatus out',
} as const satisfies { [K in Member]?: string };

/**
 * The whole configuration of `pool` as UpdateUserPool takes it, with `changes` applied on top
 * (`LambdaConfig`, `UserPoolTags`). Values are deep copies: changing the result never changes `pool`.
 */
export function updateInputFrom(pool: UserPoolType, changes: Pick<UpdateUserPoolCommandInput, 'LambdaConfig' | 'UserPoolTags'> = {}): UpdateUserPoolCommandInput {
  if (!pool.Id) throw new Error('DescribeUserPool returned a pool without an Id');
  const input: { [key: string]: unknown } = { UserPoolId: pool.Id };
  for (const member of COPIED_INPUT_MEMBERS) {
    const value = (pool as { [key: string]: unknown })[member];
    if (value !== undefined && value !== null) input[member] = copy(value);
  }
  if (pool.Name !== undefined) input.PoolName = pool.Name;
  const tags = writableTags(pool.UserPoolTags);
  if (tags !== undefined) input.UserPoolTags = tags;
  Object.assign(input, verificationMessages(pool));
  const admin = adminCreateUserConfig(pool);
  if (admin !== undefined) input.AdminCreateUserConfig = admin;
  if (changes.LambdaConfig !== undefined) input.LambdaConfig = copy(changes.LambdaConfig);
  if (changes.UserPoolTags !== undefined) input.UserPoolTags = copy(changes.UserPoolTags);
  return input as unknown as UpdateUserPoolCommandInput;
}

/** The tags a caller may write: every tag but those whose key has the reserved `aws:` prefix. */
export function writableTags(tags: Record<string, string> | undefined): Record<string, string> | undefined {
  if (tags === undefined) return undefined;
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !key.toLowerCase().startsWith('aws:')));
}

/** The verification messages: the template alone when there is one, with its option's email members only. */
function verificationMessages(pool: UserPoolType): Partial<UpdateUserPoolCommandInput> {
  const template = pool.VerificationMessageTemplate;
  if (!template) {
    const legacy: Partial<UpdateUserPoolCommandInput> = {
      SmsVerificationMessage: pool.SmsVerificationMessage,
      EmailVerificationMessage: pool.EmailVerificationMessage,
      EmailVerificationSubject: pool.EmailVerificationSubject,
    };
    return Object.fromEntries(Object.entries(legacy).filter(([, v]) => v !== undefined && v !== null));
  }
  const { EmailMessage, EmailSubject, EmailMessageByLink, EmailSubjectByLink, ...rest } = copy(template);
  const email = template.DefaultEmailOption === 'CONFIRM_WITH_LINK'
    ? { EmailMessageByLink, EmailSubjectByLink }
    : { EmailMessage, EmailSubject };
  return { VerificationMessageTemplate: copy({ ...rest, ...email }) };
}

function adminCreateUserConfig(pool: UserPoolType): UpdateUserPoolCommandInput['AdminCreateUserConfig'] {
  if (!pool.AdminCreateUserConfig) return undefined;
  const config = copy(pool.AdminCreateUserConfig);
  if (pool.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays !== undefined) delete config.UnusedAccountValidityDays;
  return config;
}

function copy<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, copy(v)])) as T;
  }
  return value;
}
