import { Annotations, Lazy, Resource, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { isCidr } from './private/cidr';
import { allConstructs, sameResource, sesConfigurationOf, threatProtectionOf, validationMessage } from './private/pool-facts';
import { checkLength, checkMaxItems, checkPattern, fail, isUnresolved } from './private/validation';
import { AN_IUSER_POOL, checkEnumMembers, enumOf, requireProp, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** What Cognito does when a user signs in, signs up or changes password with a leaked password. */
export enum CompromisedCredentialsAction {
  /** Refuse the request. */
  BLOCK = 'BLOCK',
  /** Only record the risk (metrics and logs). */
  NO_ACTION = 'NO_ACTION',
}

/** The events checked for compromised credentials. */
export enum CompromisedCredentialsEvent {
  /** Sign-in. */
  SIGN_IN = 'SIGN_IN',
  /** Password change and reset. */
  PASSWORD_CHANGE = 'PASSWORD_CHANGE',
  /** Sign-up. */
  SIGN_UP = 'SIGN_UP',
}

/** Compromised-credentials detection. */
export interface CompromisedCredentialsConfig {
  /** What to do when the password is known to be compromised. */
  readonly action: CompromisedCredentialsAction;
  /**
   * The events to check.
   * @default - all events (sign-in, password change and sign-up)
   */
  readonly events?: CompromisedCredentialsEvent[];
}

/** What Cognito does with a sign-in it rates at a given risk level (adaptive authentication). */
export enum AccountTakeoverEventAction {
  /** Refuse the sign-in. */
  BLOCK = 'BLOCK',
  /** Challenge with MFA when the user has a factor set up; allow otherwise. */
  MFA_IF_CONFIGURED = 'MFA_IF_CONFIGURED',
  /** Challenge with MFA; refuse when the user has no factor set up. */
  MFA_REQUIRED = 'MFA_REQUIRED',
  /** Allow the sign-in. */
  NO_ACTION = 'NO_ACTION',
}

/** The response to one risk level. */
export interface AccountTakeoverAction {
  /** What to do with the sign-in. */
  readonly action: AccountTakeoverEventAction;
  /**
   * Whether to email the user about the event (needs an SES sender, see `notification`).
   * @default false
   */
  readonly notify?: boolean;
}

/** One notification email template. */
export interface RiskNotificationEmail {
  /** The subject, 1 to 140 characters. */
  readonly subject: string;
  /**
   * The HTML body, 6 to 20,000 characters.
   * @default - Cognito's default body
   */
  readonly htmlBody?: string;
  /**
   * The plain-text body, 6 to 20,000 characters.
   * @default - Cognito's default body
   */
  readonly textBody?: string;
}

/** How the risk notification emails are sent and what they say. */
export interface RiskNotificationConfig {
  /**
   * The ARN of the SES identity that sends the emails.
   * @default - the pool's SES identity when the pool is defined in this app with
   * `UserPoolEmail.withSES(...)`; required otherwise
   */
  readonly sourceArn?: string;
  /**
   * The sender address, verified in SES.
   * @default - the pool's SES `from` address when `sourceArn` is taken from the pool; the
   * SES identity otherwise
   */
  readonly fromEmail?: string;
  /**
   * The reply-to address.
   * @default - no reply-to address
   */
  readonly replyTo?: string;
  /**
   * The email sent when a sign-in is blocked.
   * @default - Cognito's default template
   */
  readonly blockEmail?: RiskNotificationEmail;
  /**
   * The email sent when a sign-in is challenged with MFA.
   * @default - Cognito's default template
   */
  readonly mfaEmail?: RiskNotificationEmail;
  /**
   * The email sent when a risky sign-in is allowed.
   * @default - Cognito's default template
   */
  readonly noActionEmail?: RiskNotificationEmail;
}

/** Adaptive authentication: the response to each risk level and the notification emails. */
export interface AccountTakeoverConfig {
  /**
   * The response to low-risk sign-ins.
   * @default - no action configured for this level
   */
  readonly lowRisk?: AccountTakeoverAction;
  /**
   * The response to medium-risk sign-ins.
   * @default - no action configured for this level
   */
  readonly mediumRisk?: AccountTakeoverAction;
  /**
   * The response to high-risk sign-ins.
   * @default - no action configured for this level
   */
  readonly highRisk?: AccountTakeoverAction;
  /**
   * Sender and templates of the notification emails.
   * @default - when a level notifies: the pool's SES sender and Cognito's templates
   */
  readonly notification?: RiskNotificationConfig;
}

/** Options of a {@link RiskConfiguration}, for `pool.addRiskConfiguration(id, options)`. */
export interface RiskConfigurationOptions {
  /**
   * The app client this configuration applies to.
   * @default - every client of the pool without its own configuration (`ALL`)
   */
  readonly client?: cognito.IUserPoolClient;
  /**
   * Compromised-credentials detection.
   * @default - not configured
   */
  readonly compromisedCredentials?: CompromisedCredentialsConfig;
  /**
   * Adaptive authentication (account takeover protection).
   * @default - not configured
   */
  readonly accountTakeover?: AccountTakeoverConfig;
  /**
   * IP ranges (CIDR) whose requests are always blocked, at most 200.
   * @default - none
   */
  readonly blockedIpRanges?: string[];
  /**
   * IP ranges (CIDR) exempt from risk evaluation, at most 200.
   * @default - none
   */
  readonly skippedIpRanges?: string[];
}

/** Properties of a {@link RiskConfiguration}. */
export interface RiskConfigurationProps extends RiskConfigurationOptions {
  /** The user pool; it must be on the Plus feature plan with threat protection on. */
  readonly userPool: cognito.IUserPool;
}

const MAX_IP_RANGES = 200;

/**
 * Threat protection settings of a user pool or of one of its app clients
 * (`AWS::Cognito::UserPoolRiskConfigurationAttachment`).
 *
 * When the pool is defined in the same app, synth refuses a pool that is not on the Plus
 * feature plan or whose threat protection is off, and takes the notification sender from the
 * pool's SES configuration.
 */
export class RiskConfiguration extends Resource {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.RiskConfiguration';
  /** The user pool. */
  public readonly userPool: cognito.IUserPool;
  /** The app client, or undefined for the pool-wide (`ALL`) configuration. */
  public readonly client?: cognito.IUserPoolClient;

  constructor(scope: Construct, id: string, props: RiskConfigurationProps) {
    props = applyPropertyInjectors(scope, id, props, RiskConfiguration.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL });
    for (const level of ['lowRisk', 'mediumRisk', 'highRisk'] as const) {
      const action = props.accountTakeover?.[level];
      if (action) requireProp(this, `accountTakeover.${level}.action`, action.action, enumOf(AccountTakeoverEventAction, 'AccountTakeoverEventAction'));
    }
    if (props.compromisedCredentials) {
      requireProp(this, 'compromisedCredentials.action', props.compromisedCredentials.action, enumOf(CompromisedCredentialsAction, 'CompromisedCredentialsAction'));
      checkEnumMembers(this, 'compromisedCredentials.events', props.compromisedCredentials.events, CompromisedCredentialsEvent, 'CompromisedCredentialsEvent');
    }
    this.userPool = props.userPool;
    this.client = props.client;
    this.validate(props);
    this.refuseSecondForSameClient();

    const resource = new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'Resource', {
      userPoolId: props.userPool.userPoolId,
      clientId: props.client?.userPoolClientId ?? 'ALL',
      compromisedCredentialsRiskConfiguration: props.compromisedCredentials && {
        actions: { eventAction: props.compromisedCredentials.action },
        eventFilter: props.compromisedCredentials.events,
      },
      accountTakeoverRiskConfiguration: props.accountTakeover && {
        actions: {
          lowAction: renderAction(props.accountTakeover.lowRisk),
          mediumAction: renderAction(props.accountTakeover.mediumRisk),
          highAction: renderAction(props.accountTakeover.highRisk),
        },
        notifyConfiguration: Lazy.any({ produce: () => this.renderNotify(props.accountTakeover!) }),
      },
      riskExceptionConfiguration: (hasRanges(props.blockedIpRanges) || hasRanges(props.skippedIpRanges)) ? {
        blockedIpRangeList: hasRanges(props.blockedIpRanges) ? props.blockedIpRanges : undefined,
        skippedIpRangeList: hasRanges(props.skippedIpRanges) ? props.skippedIpRanges : undefined,
      } : undefined,
    });
    this.node.defaultChild = resource;

    // The pool's plan, mode and sender are read when the app is synthesized, after every prop is set.
    this.node.addValidation({ validate: () => this.validatePool(props) });
  }

  private validate(props: RiskConfigurationProps): void {
    if (!props.compromisedCredentials && !props.accountTakeover && !hasRanges(props.blockedIpRanges) && !hasRanges(props.skippedIpRanges)) {
      // An empty list configures nothing: it does not count as a setting.
      const empty = (['blockedIpRanges', 'skippedIpRanges'] as const).filter((p) => props[p] !== undefined);
      fail(this, 'props', empty.length ? `no setting (${empty.map((p) => `${p}: []`).join(', ')})` : 'no setting',
        'at least one of compromisedCredentials, accountTakeover, or a non-empty blockedIpRanges or skippedIpRanges');
    }
    const events = props.compromisedCredentials?.events;
    checkMaxItems(this, 'compromisedCredentials.events', events, 3, 1);
    if (events && !isUnresolved(events) && new Set(events).size !== events.length) {
      fail(this, 'compromisedCredentials.events', events, 'each event at most once');
    }
    const ato = props.accountTakeover;
    if (ato) {
      if (!ato.lowRisk && !ato.mediumRisk && !ato.highRisk) {
        fail(this, 'accountTakeover', 'no risk level', 'an action for at least one of lowRisk, mediumRisk, highRisk');
      }
      const n = ato.notification;
      checkPattern(this, 'accountTakeover.notification.sourceArn', n?.sourceArn, /^arn:[\w+=/,.@-]+:ses:[\w+=/,.@-]*:[0-9]+:identity\/.+$/, 'an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<identity>)');
      checkPattern(this, 'accountTakeover.notification.fromEmail', n?.fromEmail, /^(.+<)?[^\s@<>]+@[^\s@<>]+>?$/, 'an email address, optionally with a display name (Name <a@example.com>)');
      checkPattern(this, 'accountTakeover.notification.replyTo', n?.replyTo, /^(.+<)?[^\s@<>]+@[^\s@<>]+>?$/, 'an email address, optionally with a display name (Name <a@example.com>)');
      this.validateEmail('accountTakeover.notification.blockEmail', n?.blockEmail);
      this.validateEmail('accountTakeover.notification.mfaEmail', n?.mfaEmail);
      this.validateEmail('accountTakeover.notification.noActionEmail', n?.noActionEmail);
    }
    this.validateRanges('blockedIpRanges', props.blockedIpRanges);
    this.validateRanges('skippedIpRanges', props.skippedIpRanges);
  }

  private validateEmail(property: string, email: RiskNotificationEmail | undefined): void {
    if (!email) return;
    checkLength(this, `${property}.subject`, email.subject, 1, 140);
    checkLength(this, `${property}.htmlBody`, email.htmlBody, 6, 20000);
    checkLength(this, `${property}.textBody`, email.textBody, 6, 20000);
  }

  private validateRanges(property: string, ranges: string[] | undefined): void {
    checkMaxItems(this, property, ranges, MAX_IP_RANGES);
    for (const range of ranges ?? []) {
      if (!isUnresolved(range) && !isCidr(range)) {
        fail(this, property, range, 'IPv4 or IPv6 CIDR blocks such as 192.0.2.0/24');
      }
    }
  }

  private refuseSecondForSameClient(): void {
    const clientId = this.client?.userPoolClientId ?? 'ALL';
    const other = allConstructs(this).find((c) => c !== this && c instanceof RiskConfiguration
      && sameResource(c.userPool, c.userPool.userPoolId, this.userPool, this.userPool.userPoolId)
      && sameResource(c.client, c.client?.userPoolClientId ?? 'ALL', this.client, clientId));
    if (other) {
      fail(this, 'client', this.client ? this.client.node.path : 'ALL',
        `one risk configuration per app client and one pool-wide; ${other.node.path} already configures it`);
    }
  }

  private notifies(ato: AccountTakeoverConfig): boolean {
    return [ato.lowRisk, ato.mediumRisk, ato.highRisk].some((a) => a?.notify === true);
  }

  private validatePool(props: RiskConfigurationProps): string[] {
    const errors: string[] = [];
    const tp = threatProtectionOf(props.userPool);
    if (tp && tp.featurePlan !== 'PLUS') {
      errors.push(validationMessage(this, 'userPool.featurePlan', tp.featurePlan, '"PLUS" (threat protection is a Plus feature plan feature)'));
    } else if (tp && tp.mode === 'OFF') {
      errors.push(validationMessage(this, 'userPool.threatProtectionMode', tp.mode,
        'AUDIT or ENFORCED (turn threat protection on with the pool\'s standardThreatProtectionMode)'));
    }
    if (tp && tp.featurePlan === 'PLUS' && tp.mode === 'AUDIT' && (props.compromisedCredentials || props.accountTakeover)) {
      Annotations.of(this).addWarningV2('cdk-cognito-userpools:riskAuditOnly',
        'The pool\'s threat protection is in audit-only mode: Cognito records risks but takes none of these actions until the mode is full function (ENFORCED).');
    }
    const ato = props.accountTakeover;
    if (ato && (ato.notification || this.notifies(ato)) && !ato.notification?.sourceArn && !sesConfigurationOf(props.userPool)) {
      errors.push(validationMessage(this, 'accountTakeover.notification.sourceArn', undefined,
        'the ARN of the SES identity that sends the notification emails (required unless the pool sends with SES through UserPoolEmail.withSES)'));
    }
    return errors;
  }

  private renderNotify(ato: AccountTakeoverConfig): cognito.CfnUserPoolRiskConfigurationAttachment.NotifyConfigurationTypeProperty | undefined {
    if (!ato.notification && !this.notifies(ato)) return undefined;
    const n = ato.notification ?? {};
    const ses = n.sourceArn ? undefined : sesConfigurationOf(this.userPool);
    return {
      sourceArn: n.sourceArn ?? ses?.sourceArn ?? '',
      from: n.fromEmail ?? ses?.from,
      replyTo: n.replyTo ?? ses?.replyToEmailAddress,
      blockEmail: n.blockEmail,
      mfaEmail: n.mfaEmail,
      noActionEmail: n.noActionEmail,
    };
  }
}

/** A list with at least one range, or a token list (whose length is known only at deploy). */
function hasRanges(ranges: string[] | undefined): boolean {
  return ranges !== undefined && (Token.isUnresolved(ranges) || ranges.length > 0);
}

function renderAction(a: AccountTakeoverAction | undefined): cognito.CfnUserPoolRiskConfigurationAttachment.AccountTakeoverActionTypeProperty | undefined {
  return a && { eventAction: a.action, notify: a.notify ?? false };
}
