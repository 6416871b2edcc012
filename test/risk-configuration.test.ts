import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  AccountTakeoverEventAction, CompromisedCredentialsAction, CompromisedCredentialsEvent, RiskConfiguration, UserPool,
} from '../lib';
import { plusPool } from './helpers/pools';

const TYPE = 'AWS::Cognito::UserPoolRiskConfigurationAttachment';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

describe('RiskConfiguration', () => {
  test('pool-wide configuration renders every setting and takes the sender from the pool SES configuration', () => {
    // GIVEN
    const stack = newStack();
    const pool = plusPool(stack);
    // WHEN
    new RiskConfiguration(stack, 'Risk', {
      userPool: pool,
      compromisedCredentials: {
        action: CompromisedCredentialsAction.BLOCK,
        events: [CompromisedCredentialsEvent.SIGN_IN, CompromisedCredentialsEvent.SIGN_UP],
      },
      accountTakeover: {
        lowRisk: { action: AccountTakeoverEventAction.NO_ACTION },
        mediumRisk: { action: AccountTakeoverEventAction.MFA_IF_CONFIGURED, notify: true },
        highRisk: { action: AccountTakeoverEventAction.BLOCK, notify: true },
        notification: {
          blockEmail: { subject: 'Sign-in blocked', htmlBody: '<p>We blocked a sign-in.</p>', textBody: 'We blocked a sign-in.' },
        },
      },
      blockedIpRanges: ['192.0.2.0/24'],
      skippedIpRanges: ['198.51.100.7/32', '2001:db8::/32'],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: {
        Actions: { EventAction: 'BLOCK' },
        EventFilter: ['SIGN_IN', 'SIGN_UP'],
      },
      AccountTakeoverRiskConfiguration: {
        Actions: {
          LowAction: { EventAction: 'NO_ACTION', Notify: false },
          MediumAction: { EventAction: 'MFA_IF_CONFIGURED', Notify: true },
          HighAction: { EventAction: 'BLOCK', Notify: true },
        },
        NotifyConfiguration: {
          SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:us-east-1:111111111111:identity/example.com']] },
          From: 'Example <noreply@example.com>',
          ReplyTo: 'support@example.com',
          BlockEmail: { Subject: 'Sign-in blocked', HtmlBody: '<p>We blocked a sign-in.</p>', TextBody: 'We blocked a sign-in.' },
          MfaEmail: Match.absent(),
          NoActionEmail: Match.absent(),
        },
      },
      RiskExceptionConfiguration: {
        BlockedIPRangeList: ['192.0.2.0/24'],
        SkippedIPRangeList: ['198.51.100.7/32', '2001:db8::/32'],
      },
    });
  });

  test('per-client configuration with an explicit sender and no exception lists', () => {
    // GIVEN
    const stack = newStack();
    const pool = plusPool(stack, 'Pool', false);
    const client = pool.addClient('Client');
    // WHEN
    new RiskConfiguration(stack, 'Risk', {
      userPool: pool,
      client,
      accountTakeover: {
        highRisk: { action: AccountTakeoverEventAction.MFA_REQUIRED, notify: true },
        notification: {
          sourceArn: 'arn:aws:ses:us-east-1:111111111111:identity/alerts@example.com',
          fromEmail: 'alerts@example.com',
          replyTo: 'Security <security@example.com>',
          mfaEmail: { subject: 'Confirm it is you', textBody: 'Enter your code.' },
          noActionEmail: { subject: 'New sign-in', htmlBody: '<p>New sign-in</p>' },
        },
      },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      ClientId: { Ref: Match.stringLikeRegexp('^PoolClient') },
      CompromisedCredentialsRiskConfiguration: Match.absent(),
      RiskExceptionConfiguration: Match.absent(),
      AccountTakeoverRiskConfiguration: {
        Actions: { HighAction: { EventAction: 'MFA_REQUIRED', Notify: true }, LowAction: Match.absent() },
        NotifyConfiguration: {
          SourceArn: 'arn:aws:ses:us-east-1:111111111111:identity/alerts@example.com',
          From: 'alerts@example.com',
          ReplyTo: 'Security <security@example.com>',
          MfaEmail: { Subject: 'Confirm it is you', TextBody: 'Enter your code.' },
          NoActionEmail: { Subject: 'New sign-in', HtmlBody: '<p>New sign-in</p>' },
        },
      },
    });
  });

  test('without notifications no NotifyConfiguration is rendered and no sender is needed', () => {
    // GIVEN
    const stack = newStack();
    const pool = plusPool(stack, 'Pool', false);
    // WHEN
    new RiskConfiguration(stack, 'Risk', {
      userPool: pool,
      accountTakeover: { highRisk: { action: AccountTakeoverEventAction.BLOCK } },
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'BLOCK', Notify: false } }, NotifyConfiguration: Match.absent() },
    });
  });

  test('an imported pool is not checked for its feature plan', () => {
    // GIVEN
    const stack = newStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Imported', 'us-east-1_abc123');
    // WHEN
    new RiskConfiguration(stack, 'Risk', { userPool: pool, blockedIpRanges: ['203.0.113.0/24'] });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, { UserPoolId: 'us-east-1_abc123', ClientId: 'ALL' });
  });

  test('tokens are passed through unchecked', () => {
    // GIVEN
    const stack = newStack();
    const pool = plusPool(stack, 'Pool', false);
    const range = Lazy.string({ produce: () => '10.0.0.0/8' });
    // WHEN
    new RiskConfiguration(stack, 'Risk', {
      userPool: pool,
      accountTakeover: {
        lowRisk: { action: AccountTakeoverEventAction.NO_ACTION, notify: true },
        notification: { sourceArn: pool.userPoolArn, blockEmail: { subject: pool.userPoolId } },
      },
      blockedIpRanges: [range],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      RiskExceptionConfiguration: { BlockedIPRangeList: ['10.0.0.0/8'] },
    });
  });

  test('a pool without SES and notifications without a sender is refused at synth', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const pool = new UserPool(stack, 'Pool', {
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
    });
    // WHEN
    new RiskConfiguration(stack, 'Risk', {
      userPool: pool,
      accountTakeover: { highRisk: { action: AccountTakeoverEventAction.BLOCK, notify: true } },
    });
    // THEN
    expect(() => app.synth()).toThrow('[Stack/Risk] accountTakeover.notification.sourceArn: received undefined; allowed: the ARN of the SES identity');
  });
});

test('actions on a pool in audit-only mode are accepted with a warning that they are not enforced', () => {
  // GIVEN
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const pool = new UserPool(stack, 'Pool', {
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
  });
  // WHEN
  new RiskConfiguration(stack, 'Risk', { userPool: pool, compromisedCredentials: { action: CompromisedCredentialsAction.BLOCK } });
  app.synth();
  // THEN
  Annotations.fromStack(stack).hasWarning('/Stack/Risk', Match.stringLikeRegexp('audit-only mode'));
});
