import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AccountTakeoverEventAction, CompromisedCredentialsAction, CompromisedCredentialsEvent, RiskConfiguration, UserPool } from '../../lib';
import { plusPool } from '../helpers/pools';
import { ValidationCase } from './case';

const block = { action: AccountTakeoverEventAction.BLOCK };

export const cases: ValidationCase[] = [
  {
    name: 'no setting at all',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s) }),
    error: '[Stack/Risk] props: received "no setting"; allowed: at least one of compromisedCredentials, accountTakeover, or a non-empty blockedIpRanges or skippedIpRanges.',
  },
  {
    name: 'only an empty blocked IP range list',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s), blockedIpRanges: [] }),
    error: '[Stack/Risk] props: received "no setting (blockedIpRanges: [])"; allowed: at least one of compromisedCredentials, accountTakeover, or a non-empty blockedIpRanges or skippedIpRanges.',
  },
  {
    name: 'only empty blocked and skipped IP range lists',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s), blockedIpRanges: [], skippedIpRanges: [] }),
    error: '[Stack/Risk] props: received "no setting (blockedIpRanges: [], skippedIpRanges: [])"; allowed: at least one of compromisedCredentials, accountTakeover, or a non-empty blockedIpRanges or skippedIpRanges.',
  },
  {
    name: 'pool on the Essentials feature plan',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: new UserPool(s, 'Pool'), accountTakeover: { highRisk: block } }),
    error: '[Stack/Risk] userPool.featurePlan: received "ESSENTIALS"; allowed: "PLUS" (threat protection is a Plus feature plan feature).',
  },
  {
    name: 'Plus pool with threat protection off',
    build: (s) => new RiskConfiguration(s, 'Risk', {
      userPool: new UserPool(s, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: cognito.StandardThreatProtectionMode.NO_ENFORCEMENT }),
      compromisedCredentials: { action: CompromisedCredentialsAction.BLOCK },
    }),
    error: '[Stack/Risk] userPool.threatProtectionMode: received "OFF"; allowed: AUDIT or ENFORCED',
  },
  {
    name: 'notification without a sender on a pool without SES',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s, 'Pool', false), accountTakeover: { highRisk: { ...block, notify: true } } }),
    error: '[Stack/Risk] accountTakeover.notification.sourceArn: received undefined; allowed: the ARN of the SES identity that sends the notification emails',
  },
  {
    name: 'account takeover without any risk level',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s), accountTakeover: {} }),
    error: '[Stack/Risk] accountTakeover: received "no risk level"; allowed: an action for at least one of lowRisk, mediumRisk, highRisk.',
  },
  {
    name: 'compromised-credentials event listed twice',
    build: (s) => new RiskConfiguration(s, 'Risk', {
      userPool: plusPool(s),
      compromisedCredentials: { action: CompromisedCredentialsAction.BLOCK, events: [CompromisedCredentialsEvent.SIGN_IN, CompromisedCredentialsEvent.SIGN_IN] },
    }),
    error: '[Stack/Risk] compromisedCredentials.events: received ["SIGN_IN", "SIGN_IN"]; allowed: each event at most once.',
  },
  {
    name: 'empty compromised-credentials event list',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s), compromisedCredentials: { action: CompromisedCredentialsAction.NO_ACTION, events: [] } }),
    error: '[Stack/Risk] compromisedCredentials.events: received "0 items"; allowed: 1 to 3 items.',
  },
  {
    name: 'notification subject over 140 characters',
    build: (s) => new RiskConfiguration(s, 'Risk', {
      userPool: plusPool(s), accountTakeover: { highRisk: block, notification: { blockEmail: { subject: 'x'.repeat(141) } } },
    }),
    error: /\[Stack\/Risk\] accountTakeover\.notification\.blockEmail\.subject: received "x{141}"; allowed: 1 to 140 characters \(got 141\)\./,
  },
  {
    name: 'notification text body under 6 characters',
    build: (s) => new RiskConfiguration(s, 'Risk', {
      userPool: plusPool(s), accountTakeover: { highRisk: block, notification: { mfaEmail: { subject: 'MFA', textBody: 'Hi' } } },
    }),
    error: '[Stack/Risk] accountTakeover.notification.mfaEmail.textBody: received "Hi"; allowed: 6 to 20000 characters (got 2).',
  },
  {
    name: 'sender ARN that is not an SES identity',
    build: (s) => new RiskConfiguration(s, 'Risk', {
      userPool: plusPool(s), accountTakeover: { highRisk: block, notification: { sourceArn: 'arn:aws:sns:us-east-1:111111111111:topic' } },
    }),
    error: '[Stack/Risk] accountTakeover.notification.sourceArn: received "arn:aws:sns:us-east-1:111111111111:topic"; allowed: an SES identity ARN',
  },
  {
    name: 'from address that is not an email address',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s), accountTakeover: { highRisk: block, notification: { fromEmail: 'security team' } } }),
    error: '[Stack/Risk] accountTakeover.notification.fromEmail: received "security team"; allowed: an email address',
  },
  {
    name: 'blocked IP range that is not a CIDR',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s), blockedIpRanges: ['10.0.0.300/8'] }),
    error: '[Stack/Risk] blockedIpRanges: received "10.0.0.300/8"; allowed: IPv4 or IPv6 CIDR blocks such as 192.0.2.0/24.',
  },
  {
    name: 'skipped IP range without a prefix length',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s), skippedIpRanges: ['192.0.2.1'] }),
    error: '[Stack/Risk] skippedIpRanges: received "192.0.2.1"; allowed: IPv4 or IPv6 CIDR blocks such as 192.0.2.0/24.',
  },
  {
    name: 'more than 200 blocked IP ranges',
    build: (s) => new RiskConfiguration(s, 'Risk', { userPool: plusPool(s), blockedIpRanges: Array.from({ length: 201 }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}/32`) }),
    error: '[Stack/Risk] blockedIpRanges: received "201 items"; allowed: at most 200 items.',
  },
  {
    name: 'two pool-wide configurations for one pool',
    build: (s) => {
      const pool = plusPool(s);
      new RiskConfiguration(s, 'First', { userPool: pool, blockedIpRanges: ['192.0.2.0/24'] });
      new RiskConfiguration(s, 'Second', { userPool: pool, skippedIpRanges: ['192.0.2.0/24'] });
    },
    error: '[Stack/Second] client: received "ALL"; allowed: one risk configuration per app client and one pool-wide; Stack/First already configures it.',
  },
];
