// The examples together must set every property path of the seven CloudFormation types that
// aws-cdk-lib has no L2 for. This walks their synthesized templates and lists what is missing.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addBranding } from '../examples/branding';
import { addMultiRegion } from '../examples/multi-region';
import { addThreatProtectionAndLogs } from '../examples/threat-protection-and-logs';

const EXPECTED: { [type: string]: string[] } = {
  'AWS::Cognito::UserPoolRiskConfigurationAttachment': [
    'UserPoolId', 'ClientId',
    'CompromisedCredentialsRiskConfiguration.Actions.EventAction', 'CompromisedCredentialsRiskConfiguration.EventFilter',
    ...['LowAction', 'MediumAction', 'HighAction'].flatMap((a) => [`AccountTakeoverRiskConfiguration.Actions.${a}.EventAction`, `AccountTakeoverRiskConfiguration.Actions.${a}.Notify`]),
    ...['From', 'ReplyTo', 'SourceArn'].map((p) => `AccountTakeoverRiskConfiguration.NotifyConfiguration.${p}`),
    ...['BlockEmail', 'MfaEmail', 'NoActionEmail'].flatMap((e) => ['Subject', 'HtmlBody', 'TextBody'].map((p) => `AccountTakeoverRiskConfiguration.NotifyConfiguration.${e}.${p}`)),
    'RiskExceptionConfiguration.BlockedIPRangeList', 'RiskExceptionConfiguration.SkippedIPRangeList',
  ],
  'AWS::Cognito::LogDeliveryConfiguration': [
    'UserPoolId', 'LogConfigurations.EventSource', 'LogConfigurations.LogLevel', 'LogConfigurations.CloudWatchLogsConfiguration.LogGroupArn',
    'LogConfigurations.S3Configuration.BucketArn', 'LogConfigurations.FirehoseConfiguration.StreamArn',
  ],
  'AWS::Cognito::UserPoolUICustomizationAttachment': ['UserPoolId', 'ClientId', 'CSS'],
  'AWS::Cognito::ManagedLoginBranding': [
    'UserPoolId', 'ClientId', 'Settings', 'UseCognitoProvidedValues', 'ReturnMergedResources',
    ...['Bytes', 'Category', 'ColorMode', 'Extension', 'ResourceId'].map((p) => `Assets.${p}`),
  ],
  'AWS::Cognito::Terms': ['UserPoolId', 'ClientId', 'TermsName', 'TermsSource', 'Enforcement', 'Links'],
  'AWS::Cognito::UserPoolReplica': ['UserPoolId', 'RegionName', 'UserPoolTagsAtCreate'],
  'AWS::Cognito::UserPoolRegionalConfigurationAttachment': [
    'UserPoolId', 'Status', 'UserPoolTags',
    ...['ConfigurationSet', 'EmailSendingAccount', 'From', 'ReplyToEmailAddress', 'SourceArn'].map((p) => `EmailConfiguration.${p}`),
    ...['SnsCallerArn', 'ExternalId', 'SnsRegion'].map((p) => `SmsConfiguration.${p}`),
    ...['CallerArn', 'ConfigurationSetName', 'ExternalId', 'InEntityId', 'InTemplateId', 'OriginationIdentity', 'Region'].map((p) => `SmsConfiguration.EumsSms.${p}`),
    ...['CreateAuthChallenge', 'CustomMessage', 'DefineAuthChallenge', 'PostAuthentication', 'PostConfirmation', 'PreAuthentication',
      'PreSignUp', 'PreTokenGeneration', 'UserMigration', 'VerifyAuthChallengeResponse', 'KMSKeyID'].map((p) => `LambdaConfig.${p}`),
    ...['CustomEmailSender', 'CustomSMSSender', 'InboundFederation', 'PreTokenGenerationConfig']
      .flatMap((p) => [`LambdaConfig.${p}.LambdaArn`, `LambdaConfig.${p}.LambdaVersion`]),
  ],
};

/** Every path of an object, stopping at intrinsic functions and at free-form maps. */
function paths(value: unknown, prefix: string, out: Set<string>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.some((k) => k === 'Ref' || k.startsWith('Fn::'))) { out.add(prefix); return; }
    for (const k of keys) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.add(p);
      paths((value as any)[k], p, out);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => paths(v, prefix, out));
  }
}

test('the examples set every property path of the seven types without an aws-cdk-lib L2', () => {
  // GIVEN
  const app = new App();
  addThreatProtectionAndLogs(app);
  addBranding(app);
  addMultiRegion(app);
  // WHEN
  const seen: { [type: string]: Set<string> } = {};
  for (const stack of app.node.children) {
    const resources = Template.fromStack(stack as any).toJSON().Resources ?? {};
    for (const r of Object.values<any>(resources)) {
      if (!EXPECTED[r.Type]) continue;
      paths(r.Properties, '', seen[r.Type] = seen[r.Type] ?? new Set());
    }
  }
  // THEN
  const missing = Object.entries(EXPECTED).flatMap(([type, list]) => list.filter((p) => !seen[type]?.has(p)).map((p) => `${type} ${p}`));
  expect(missing).toEqual([]);
});
