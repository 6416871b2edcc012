import * as path from 'path';
import { App, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  ProvisionedLimitCategory, ClientSecretRotation, ClientSessionConfiguration, CustomAttributeDataType, HostedUiLogo, ImmutableSettingsGuard,
  MfaEnforcement, ProvisionedLimit, SigningCertificate, UserImportJob, UserPool, UserPoolCustomAttributes, UserPoolMfaSettings,
  User, UserPoolSessionConfiguration,
} from '../lib';

const LOGO = path.join(__dirname, 'fixtures', 'logo.png');
const CSV = path.join(__dirname, 'fixtures', 'users.csv');
const POOL_REF = { Ref: Match.stringLikeRegexp('^Pool') };
const PROVIDER_TOKEN = { 'Fn::GetAtt': [Match.stringLikeRegexp('^CognitoUserPoolsProvider'), 'Arn'] };

function setup() {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const userPool = new UserPool(stack, 'Pool', { customAttributes: { tenant: new cognito.StringAttribute({ mutable: true }) } });
  return { stack, userPool };
}

/** The cognito-idp actions granted to the main handler role on the pool. */
function handlerPoolActions(template: Template): string[] {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^CognitoUserPoolsProvider') } });
  const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  return statements.flatMap((s: any) => [].concat(s.Action)).filter((a: string) => a.startsWith('cognito-idp:')).sort();
}

describe('UserPoolCustomAttributes', () => {
  test('declares the attributes with their types and constraints as strings, and grants exactly what the handler calls', () => {
    const { stack, userPool } = setup();
    new UserPoolCustomAttributes(stack, 'Attrs', {
      userPool,
      attributes: [{ name: 'plan' }, { name: 'score', dataType: CustomAttributeDataType.NUMBER, mutable: false, min: 0, max: 100 }],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoCustomAttributes', {
      ServiceToken: PROVIDER_TOKEN,
      UserPoolId: POOL_REF,
      Attributes: [
        { Name: 'plan', DataType: 'String', Mutable: true, Min: Match.absent(), Max: Match.absent() },
        { Name: 'score', DataType: 'Number', Mutable: false, Min: '0', Max: '100' },
      ],
    });
    expect(handlerPoolActions(template)).toEqual(['cognito-idp:AddCustomAttributes', 'cognito-idp:DescribeUserPool']);
  });
});

describe('SigningCertificate', () => {
  test('exposes the certificate attribute, usable in an output', () => {
    const { stack, userPool } = setup();
    const cert = new SigningCertificate(stack, 'Cert', { userPool });
    new CfnOutput(stack, 'Pem', { value: cert.certificate });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoSigningCertificate', { UserPoolId: POOL_REF });
    template.hasOutput('Pem', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Cert'), 'Certificate'] } });
    expect(handlerPoolActions(template)).toEqual(['cognito-idp:GetSigningCertificate']);
  });
});

describe('UserPoolMfaSettings', () => {
  test('email OTP as the only factor, on a pool managed outside this app', () => {
    const { stack } = setup();
    const userPool = cognito.UserPool.fromUserPoolId(stack, 'Elsewhere', 'us-east-1_abc');
    new UserPoolMfaSettings(stack, 'Mfa', { userPool, enforcement: MfaEnforcement.REQUIRED, email: { subject: 'Your code' } });
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoUserPoolMfa', {
      UserPoolId: 'us-east-1_abc', MfaConfiguration: 'ON', Totp: false, Email: { Subject: 'Your code' }, Sms: Match.absent(),
    });
  });

  test('SMS passes the SNS role: the handler may pass it', () => {
    const { stack, userPool } = setup();
    const snsRole = new iam.Role(stack, 'Sns', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') });
    new UserPoolMfaSettings(stack, 'Mfa', { userPool, enforcement: MfaEnforcement.OPTIONAL, sms: { snsRole, externalId: 'ext' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoUserPoolMfa', {
      Sms: { SnsCallerArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Sns'), 'Arn'] }, ExternalId: 'ext' },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Sns'), 'Arn'] } })]) },
    });
  });
});

describe('HostedUiLogo', () => {
  test('uploads the image as an asset and passes its hash; the handler may read it', () => {
    const { stack, userPool } = setup();
    const client = userPool.addClient('Web');
    const logo = new HostedUiLogo(stack, 'Logo', { userPool, client, imagePath: LOGO });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoHostedUiLogo', {
      UserPoolId: POOL_REF,
      ClientId: { Ref: Match.stringLikeRegexp('^PoolWeb') },
      ImageBucket: Match.anyValue(),
      ImageKey: Match.stringLikeRegexp('\\.png$'),
      ImageHash: logo.imageHash,
    });
    expect(handlerPoolActions(template)).toEqual(['cognito-idp:GetUICustomization', 'cognito-idp:SetUICustomization']);
    // Read of this one object only
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 's3:GetObject', Effect: 'Allow', Resource: Match.objectLike({ 'Fn::Join': Match.anyValue() }) }]) },
    });
  });

  test('without a client the logo is the pool-wide default', () => {
    const { stack, userPool } = setup();
    new HostedUiLogo(stack, 'Logo', { userPool, imagePath: LOGO });
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoHostedUiLogo', { ClientId: 'ALL', Refresh: Match.absent() });
  });

  test('reapplyAfter orders the logo after the CSS attachment and re-sends it when the CSS changes', () => {
    const { stack, userPool } = setup();
    const css = new cognito.CfnUserPoolUICustomizationAttachment(stack, 'Css', { userPoolId: userPool.userPoolId, clientId: 'ALL', css: '.banner { color: red }' });
    const logo = new HostedUiLogo(stack, 'Logo', { userPool, imagePath: LOGO });
    logo.reapplyAfter(css, 'css-hash-1');
    const template = Template.fromStack(stack);
    template.hasResource('Custom::CognitoHostedUiLogo', { DependsOn: Match.arrayWith(['Css']), Properties: { Refresh: 'css-hash-1' } });
  });
});

describe('ImmutableSettingsGuard', () => {
  test('the pool and guarded clients depend on the guard, which reads the immutable settings and references nothing of the pool', () => {
    const { stack, userPool } = setup();
    const pool = new UserPool(stack, 'Aliased', {
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true } },
      customAttributes: { tenant: new cognito.StringAttribute({ mutable: true, maxLen: 64 }) },
    });
    void userPool;
    const client = pool.addClient('Backend', { generateSecret: true });
    new ImmutableSettingsGuard(stack, 'Guard', { userPool: pool, clients: [client] });
    const template = Template.fromStack(stack);
    const guards = template.findResources('Custom::CognitoImmutableSettingsGuard', { Properties: { PoolName: 'Stack/Aliased' } });
    const [guardId] = Object.keys(guards);
    expect(guards[guardId].Properties).toEqual({
      ServiceToken: expect.objectContaining({ 'Fn::GetAtt': [expect.stringMatching(/^CognitoUserPoolsProvider/), 'Arn'] }),
      PoolName: 'Stack/Aliased',
      AllowReplacement: false,
      OptOutOwner: 'the ImmutableSettingsGuard Stack/Guard',
      AliasAttributes: ['email'],
      UsernameAttributes: [],
      CaseSensitive: false,
      RequiredAttributes: ['email'],
      CustomAttributes: [{ Name: 'tenant', DataType: 'String', Mutable: true, Max: '64' }],
      Clients: [{ Name: 'Stack/Aliased/Backend', GenerateSecret: true }],
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      ImmutableStandardAttributes: [],
      DeveloperOnlyAttributes: [],
    });
    // One guard per pool: the built-in one of Stack/Pool, and the declared one in the place of Stack/Aliased's
    template.resourceCountIs('Custom::CognitoImmutableSettingsGuard', 2);
    template.hasResource('AWS::Cognito::UserPool', { DependsOn: [guardId], Properties: { AliasAttributes: ['email'] } });
    template.hasResource('AWS::Cognito::UserPoolClient', { DependsOn: Match.arrayWith([guardId]), Properties: { GenerateSecret: true } });
  });

  test('the guard uses the main provider but does not wait for its permissions, which name the pool', () => {
    // GIVEN a pool with users (the provider's permissions name the pool)
    const { stack, userPool } = setup();
    new User(stack, 'Alice', { userPool, username: 'alice' });
    // WHEN it is guarded
    new ImmutableSettingsGuard(stack, 'Guard', { userPool, allowReplacement: true });
    // THEN the guard is served by the main provider, the user waits for the permissions, the guard does not
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 2);
    const [permissionsId] = Object.keys(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^CognitoUserPoolsProviderCognitoPermissions') } }));
    expect(permissionsId).toBeDefined();
    template.hasResource('Custom::CognitoImmutableSettingsGuard', {
      Properties: { ServiceToken: PROVIDER_TOKEN, AllowReplacement: true },
      DependsOn: Match.absent(),
    });
    template.hasResource('Custom::CognitoUser', { DependsOn: Match.arrayWith([permissionsId]) });
  });

  test('a stack with a guard and a user has no dependency cycle and two functions', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Guarded', { env: { account: '111111111111', region: 'us-east-1' } });
    const userPool = new UserPool(stack, 'Pool');
    // WHEN the guard comes first and the user after it (creation order must not matter)
    new ImmutableSettingsGuard(stack, 'Guard', { userPool });
    new User(stack, 'Alice', { userPool, username: 'alice' });
    // THEN the template loads (Template.fromStack throws on a dependency cycle), with both on one provider
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.resourceCountIs('Custom::CognitoImmutableSettingsGuard', 1);
    template.resourceCountIs('Custom::CognitoUser', 1);
  });
});

describe('ClientSecretRotation', () => {
  test('creates the secret, passes its ARN (never a value) and lets the handler write it', () => {
    const { stack, userPool } = setup();
    const client = userPool.addClient('Backend', { generateSecret: true });
    const rotation = new ClientSecretRotation(stack, 'Rotation', { userPool, client, generation: 3, overlap: Duration.days(2) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoClientSecretRotation', {
      UserPoolId: POOL_REF,
      ClientId: { Ref: Match.stringLikeRegexp('^PoolBackend') },
      SecretArn: { Ref: Match.stringLikeRegexp('^RotationSecret') },
      Generation: 3,
      OverlapSeconds: 172800,
    });
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'secretsmanager:PutSecretValue', Resource: { Ref: Match.stringLikeRegexp('^RotationSecret') } })]) },
    });
    expect(handlerPoolActions(template)).toEqual([
      'cognito-idp:AddUserPoolClientSecret', 'cognito-idp:DeleteUserPoolClientSecret', 'cognito-idp:ListUserPoolClientSecrets',
    ]);
    expect(rotation.secret).toBeDefined();
  });
});

describe('session configuration and provisioned limits', () => {
  test('pool and client session configuration', () => {
    const { stack, userPool } = setup();
    const client = userPool.addClient('Web');
    new UserPoolSessionConfiguration(stack, 'Sessions', { userPool, maxSessionsPerUser: 5 });
    new ClientSessionConfiguration(stack, 'WebSessions', { userPool, client, ssoSessionReuse: Duration.hours(8) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoUserPoolSessionConfiguration', { UserPoolId: POOL_REF, SessionTracking: true, MaxSessionsPerUser: 5 });
    template.hasResourceProperties('Custom::CognitoClientSessionConfiguration', { SsoSessionMinutes: 480 });
    expect(handlerPoolActions(template)).toEqual(['cognito-idp:SetUserPoolClientSessionConfiguration', 'cognito-idp:SetUserPoolSessionConfiguration']);
  });

  test('provisioned limits: one account-level statement for all categories', () => {
    const { stack } = setup();
    new ProvisionedLimit(stack, 'Auth', { category: ProvisionedLimitCategory.USER_AUTHENTICATION, requestsPerSecond: 200 });
    new ProvisionedLimit(stack, 'Create', { category: ProvisionedLimitCategory.USER_CREATION, requestsPerSecond: 80 });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoProvisionedLimit', { Category: 'UserAuthentication', RequestsPerSecond: 200 });
    template.hasResourceProperties('Custom::CognitoProvisionedLimit', { Category: 'UserCreation', RequestsPerSecond: 80 });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => [].concat(s.Action).includes('cognito-idp:UpdateProvisionedLimit' as never));
    expect(statements).toEqual([{
      Action: ['cognito-idp:GetProvisionedLimit', 'cognito-idp:UpdateProvisionedLimit'],
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      Effect: 'Allow',
      Resource: '*',
    }]);
  });
});

describe('UserImportJob', () => {
  test('users declared in code become a CSV asset with the pool header; logs role, waiter provider and grants', () => {
    const { stack, userPool } = setup();
    const job = new UserImportJob(stack, 'Import', {
      userPool,
      users: [{ username: 'alice', attributes: { 'email': 'alice@example.com', 'email_verified': 'true', 'custom:tenant': 'blue, green' } }],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoUserImportJob', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CognitoUserPoolsWaiterProvider'), 'Arn'] },
      UserPoolId: POOL_REF,
      JobName: 'Stack-Import',
      CloudWatchLogsRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ImportLogsRole'), 'Arn'] },
      CsvBucket: Match.anyValue(),
      CsvKey: Match.stringLikeRegexp('\\.csv$'),
      DataHash: Match.stringLikeRegexp('^[0-9a-f]{64}$'),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'cognito-idp.amazonaws.com' } })] },
    });
    // onEvent runs with the main provider's permissions: the job waits for them
    template.hasResource('Custom::CognitoUserImportJob', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^CognitoUserPoolsProviderCognitoPermissions')]) });
    // The provider framework with isComplete: a step-functions waiter
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    expect(handlerPoolActions(template)).toEqual([
      'cognito-idp:AdminGetUser', 'cognito-idp:CreateUserImportJob', 'cognito-idp:DescribeUserImportJob', 'cognito-idp:GetCSVHeader',
      'cognito-idp:ListUserImportJobs', 'cognito-idp:StartUserImportJob', 'cognito-idp:StopUserImportJob',
    ]);
    expect(job.jobId).toBeDefined();
    // The written CSV: every header column, custom value quoted
    const fs = require('fs');
    const assetDir = (stack.node.tryFindChild('Import')!.node.tryFindChild('Csv') as any).assetPath as string;
    const outdir = require('aws-cdk-lib').Stage.of(stack)!.outdir;
    const content: string = fs.readFileSync(path.join(outdir, assetDir), 'utf8');
    const [header, row] = content.trim().split('\n');
    expect(header.split(',').slice(-3)).toEqual(['cognito:mfa_enabled', 'cognito:username', 'custom:tenant']);
    expect(row.endsWith(',false,alice,"blue, green"')).toBe(true);
  });

  test('an environment-agnostic stack synthesizes (the log-group acknowledgement uses pseudo parameters)', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const userPool = new UserPool(stack, 'Pool');
    new UserImportJob(userPool, 'Import', { userPool, users: [{ username: 'x', attributes: { email: 'x@example.com', email_verified: 'true' } }] });
    Template.fromStack(stack).resourceCountIs('Custom::CognitoUserImportJob', 1);
  });

  test('a CSV file that matches the declared schema is accepted; no waiter provider without import jobs', () => {
    const { stack, userPool } = setup();
    new UserImportJob(stack, 'Import', { userPool, csvFile: CSV, jobName: 'seed users' });
    Template.fromStack(stack).hasResourceProperties('Custom::CognitoUserImportJob', { JobName: 'seed users' });
    const other = setup();
    new SigningCertificate(other.stack, 'Cert', { userPool: other.userPool });
    Template.fromStack(other.stack).resourceCountIs('AWS::StepFunctions::StateMachine', 0);
  });
});
