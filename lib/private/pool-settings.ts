import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { StandardAttributeConstraints, UserPoolProps } from '../user-pool';
import { STANDARD_ATTRIBUTE_KEYS } from './user-attributes';

/**
 * Pool settings written onto the L1 after aws-cdk-lib's constructor: the standard attributes'
 * constraints and both verification emails (the L2 renders neither).
 */

const NOT_STRING = new Set(['emailVerified', 'phoneNumberVerified', 'lastUpdateTime']);

/** The standard attributes of type String, by aws-cdk-lib's `StandardAttributes` key. */
export const STANDARD_STRING_ATTRIBUTES: { readonly [key: string]: string } = Object.fromEntries(
  Object.entries(STANDARD_ATTRIBUTE_KEYS).filter(([key]) => !NOT_STRING.has(key)));

/** The one standard attribute of type Number. */
export const STANDARD_NUMBER_ATTRIBUTES: { readonly [key: string]: string } = { lastUpdateTime: STANDARD_ATTRIBUTE_KEYS.lastUpdateTime };

export function applyPoolSettings(cfn: cognito.CfnUserPool, props: UserPoolProps): void {
  if (props.standardAttributeConstraints) applyStandardConstraints(cfn, props.standardAttributeConstraints);
  if (props.verificationEmails) applyVerificationEmails(cfn, props);
}

function applyStandardConstraints(cfn: cognito.CfnUserPool, constraints: StandardAttributeConstraints): void {
  const schema = [...(cfn.schema as cognito.CfnUserPool.SchemaAttributeProperty[] | undefined) ?? []];
  for (const [key, value] of Object.entries(constraints)) {
    if (value === undefined) continue;
    const str = STANDARD_STRING_ATTRIBUTES[key];
    const name = str ?? STANDARD_NUMBER_ATTRIBUTES[key];
    const typed: cognito.CfnUserPool.SchemaAttributeProperty = str
      ? {
        attributeDataType: 'String',
        stringAttributeConstraints: { minLength: text(value.minLen), maxLength: text(value.maxLen) },
      }
      : {
        attributeDataType: 'Number',
        numberAttributeConstraints: { minValue: text(value.min), maxValue: text(value.max) },
      };
    const at = schema.findIndex((s) => s.name === name);
    // Not in standardAttributes: added with the settings aws-cdk-lib gives a listed attribute.
    if (at >= 0) schema[at] = { ...schema[at], ...typed };
    else schema.push({ name, mutable: true, required: false, ...typed });
  }
  cfn.schema = schema;
}

function applyVerificationEmails(cfn: cognito.CfnUserPool, props: UserPoolProps): void {
  const emails = props.verificationEmails!;
  const template: cognito.CfnUserPool.VerificationMessageTemplateProperty = {
    ...cfn.verificationMessageTemplate as cognito.CfnUserPool.VerificationMessageTemplateProperty | undefined,
  };
  const set = (key: keyof cognito.CfnUserPool.VerificationMessageTemplateProperty, value: string | undefined) => {
    if (value !== undefined) (template as Record<string, unknown>)[key] = value;
  };
  set('emailSubject', emails.code?.subject);
  set('emailMessage', emails.code?.body);
  set('emailSubjectByLink', emails.link?.subject);
  set('emailMessageByLink', emails.link?.body);
  cfn.verificationMessageTemplate = template;
  // With the code style, aws-cdk-lib also writes the legacy top-level message; keep it the same.
  if (template.defaultEmailOption !== cognito.VerificationEmailStyle.LINK) {
    cfn.emailVerificationMessage = template.emailMessage;
    cfn.emailVerificationSubject = template.emailSubject;
  }
}

function text(value: number | undefined): string | undefined {
  return value === undefined ? undefined : value.toString();
}
