import { Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { describeValue, ValidationError } from './validation';

/**
 * What a construct can learn about a user pool from its L1 when the pool is defined in the
 * same app (an aws-cdk-lib `UserPool`, ours or a subclass). Imported pools give nothing, and
 * every reader returns `undefined` for them or for values that are unresolved tokens.
 */
export function cfnUserPoolOf(pool: cognito.IUserPool): cognito.CfnUserPool | undefined {
  const child = pool.node.defaultChild;
  return child instanceof cognito.CfnUserPool ? child : undefined;
}

/** A resolved plain object, or undefined for tokens and absent values. */
function plain<T extends object>(value: T | unknown): T | undefined {
  if (value === undefined || value === null || Token.isUnresolved(value)) return undefined;
  return typeof value === 'object' ? value as T : undefined;
}

export interface PoolThreatProtection {
  /** The feature plan (UserPoolTier); a new pool without one is on ESSENTIALS. */
  readonly featurePlan?: string;
  /** The threat protection mode for standard authentication (OFF when absent). */
  readonly mode?: string;
}

/** The feature plan and threat protection mode of a pool in the app; undefined if unknown. */
export function threatProtectionOf(pool: cognito.IUserPool): PoolThreatProtection | undefined {
  const cfn = cfnUserPoolOf(pool);
  if (!cfn) return undefined;
  const tier = cfn.userPoolTier;
  const addOns = plain<cognito.CfnUserPool.UserPoolAddOnsProperty>(cfn.userPoolAddOns);
  if (tier !== undefined && Token.isUnresolved(tier)) return undefined;
  if (Token.isUnresolved(cfn.userPoolAddOns)) return undefined;
  const mode = addOns?.advancedSecurityMode;
  if (mode !== undefined && Token.isUnresolved(mode)) return undefined;
  return { featurePlan: tier ?? 'ESSENTIALS', mode: mode ?? 'OFF' };
}

/** The pool's SES sending configuration when it sends with Amazon SES (DEVELOPER). */
export function sesConfigurationOf(pool: cognito.IUserPool): cognito.CfnUserPool.EmailConfigurationProperty | undefined {
  const cfn = cfnUserPoolOf(pool);
  if (!cfn) return undefined;
  const email = plain<cognito.CfnUserPool.EmailConfigurationProperty>(cfn.emailConfiguration);
  if (!email || email.emailSendingAccount !== 'DEVELOPER' || !email.sourceArn) return undefined;
  return email;
}

/** The pool's key configuration, or undefined when the pool is unknown or the value a token. */
export function keyConfigurationOf(pool: cognito.IUserPool): cognito.CfnUserPool.KeyConfigurationProperty | undefined | 'unknown' {
  const cfn = cfnUserPoolOf(pool);
  if (!cfn || Token.isUnresolved(cfn.keyConfiguration)) return 'unknown';
  return plain<cognito.CfnUserPool.KeyConfigurationProperty>(cfn.keyConfiguration);
}

/** The pool's Region when it is known at synth (a concrete stack Region). */
export function regionOf(scope: IConstruct): string | undefined {
  const region = Stack.of(scope).region;
  return Token.isUnresolved(region) ? undefined : region;
}

/** Every construct in the app (the root's subtree), for one-per-pool or one-per-client rules. */
export function allConstructs(scope: IConstruct): IConstruct[] {
  return scope.node.root.node.findAll();
}

/** True when two pool or client references are the same object or carry the same literal id. */
export function sameResource(a: unknown, aId: string, b: unknown, bId: string): boolean {
  if (a === b) return true;
  return !Token.isUnresolved(aId) && !Token.isUnresolved(bId) && aId === bId;
}

/**
 * The message of a ValidationError, for `node.addValidation` (which collects messages).
 * The construct path is left out: the CDK puts it in front of every validation message.
 */
export function validationMessage(scope: IConstruct, property: string, value: unknown, allowed: string): string {
  const message = new ValidationError(scope, property, describeValue(value), allowed).message;
  return message.slice(`[${scope.node.path}] `.length);
}
