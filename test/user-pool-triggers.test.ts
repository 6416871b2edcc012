// UserPoolTriggers: triggers on a pool this app does not define (custom-resources/pool-triggers).
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { UserPool, UserPoolTriggers } from '../lib';

const POOL_ID = 'us-east-1_Shared1';
const POOL_ARN = `arn:aws:cognito-idp:us-east-1:111111111111:userpool/${POOL_ID}`;

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Team', { env: { account: '111111111111', region: 'us-east-1' } });
  const userPool = cognito.UserPool.fromUserPoolId(stack, 'Shared', POOL_ID);
  const fn = (id: string) => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e;'),
  });
  return { app, stack, userPool, fn };
}
const arnOf = (id: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}`), 'Arn'] });

/** The cognito-idp actions granted to the handler role, per resource. */
function handlerPoolStatements(template: Template): unknown[] {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^CognitoUserPoolsProviderCognitoPermissions') } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('template', () => {
  test('an imported pool: the triggers, one invoke permission per function, and exactly DescribeUserPool and UpdateUserPool on the pool', () => {
    const { stack, userPool, fn } = setup();
    const signUp = fn('SignUp');
    const tokens = fn('Tokens');
    new UserPoolTriggers(stack, 'Triggers', {
      userPool,
      triggers: { preSignUp: signUp, postConfirmation: signUp, preTokenGeneration: tokens },
      preTokenGenerationVersion: cognito.LambdaVersion.V2_0,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoUserPoolTriggers', {
      UserPoolId: POOL_ID,
      Triggers: {
        PreSignUp: { LambdaArn: arnOf('SignUp') },
        PostConfirmation: { LambdaArn: arnOf('SignUp') },
        PreTokenGeneration: { LambdaArn: arnOf('Tokens'), LambdaVersion: 'V2_0' },
      },
      KmsKeyArn: Match.absent(),
      ReplaceExisting: false,
      SmsRoleArns: Match.absent(),
    });
    const permissions = template.findResources('AWS::Lambda::Permission');
    const sourceArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cognito-idp:us-east-1:111111111111:userpool/${POOL_ID}`]] };
    const idOf = (f: lambda.Function) => stack.getLogicalId(f.node.defaultChild as lambda.CfnFunction);
    expect(Object.values(permissions).map((p: any) => p.Properties)).toEqual([
      { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': [idOf(signUp), 'Arn'] }, Principal: 'cognito-idp.amazonaws.com', SourceArn: sourceArn },
      { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': [idOf(tokens), 'Arn'] }, Principal: 'cognito-idp.amazonaws.com', SourceArn: sourceArn },
    ]);
    // The custom resource waits for both permissions.
    const [resource] = Object.values(template.findResources('Custom::CognitoUserPoolTriggers')) as any[];
    expect(resource.DependsOn).toEqual(expect.arrayContaining(Object.keys(permissions)));
    expect(handlerPoolStatements(template)).toEqual([{
      Action: ['cognito-idp:DescribeUserPool', 'cognito-idp:UpdateUserPool'],
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cognito-idp:us-east-1:111111111111:userpool/${POOL_ID}`]] },
    }]);
  });

  test('custom senders with their key, inbound federation, replaceExisting and the SMS role passed to Cognito only', () => {
    const { stack, fn } = setup();
    const userPool = cognito.UserPool.fromUserPoolArn(stack, 'ByArn', POOL_ARN);
    const key = new kms.Key(stack, 'SenderKey');
    const sms = new iam.Role(stack, 'Sms', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') });
    new UserPoolTriggers(stack, 'Triggers', {
      userPool,
      triggers: { customEmailSender: fn('Email'), customSmsSender: fn('Text'), inboundFederation: fn('Federation') },
      customSenderKmsKey: key,
      replaceExisting: true,
      smsRoles: [sms],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CognitoUserPoolTriggers', {
      UserPoolId: POOL_ID,
      Triggers: {
        CustomEmailSender: { LambdaArn: arnOf('Email'), LambdaVersion: 'V1_0' },
        CustomSMSSender: { LambdaArn: arnOf('Text'), LambdaVersion: 'V1_0' },
        InboundFederation: { LambdaArn: arnOf('Federation'), LambdaVersion: 'V1_0' },
      },
      KmsKeyArn: arnOf('SenderKey'),
      ReplaceExisting: true,
      SmsRoleArns: [arnOf('Sms')],
    });
    expect(handlerPoolStatements(template)).toEqual([{ Action: ['cognito-idp:DescribeUserPool', 'cognito-idp:UpdateUserPool'], Effect: 'Allow', Resource: POOL_ARN }]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^CognitoUserPoolsProviderHandlerRole') }],
      PolicyDocument: { Statement: Match.arrayWith([{
        Action: 'iam:PassRole', Condition: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } }, Effect: 'Allow', Resource: arnOf('Sms'),
      }]) },
    });
    // Cognito may encrypt with the key for this pool only; each sender may decrypt.
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([{
        Action: 'kms:Encrypt',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': POOL_ARN } },
        Effect: 'Allow',
        Principal: { Service: 'cognito-idp.amazonaws.com' },
        Resource: '*',
      }]) },
    });
    for (const sender of ['Email', 'Text']) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp(`^${sender}ServiceRole`) }],
        PolicyDocument: { Statement: [{ Action: 'kms:Decrypt', Effect: 'Allow', Resource: arnOf('SenderKey') }] },
      });
    }
    expect(Object.keys(template.findResources('AWS::Lambda::Permission'))).toHaveLength(3);
  });
});

test('a pool whose id is resolved at deploy time (a shared SSM parameter) is accepted', () => {
  const { stack, fn } = setup();
  const id = ssm.StringParameter.valueForStringParameter(stack, '/platform/users/user-pool-id');
  new UserPoolTriggers(stack, 'Triggers', { userPool: cognito.UserPool.fromUserPoolId(stack, 'Shared2', id), triggers: { preSignUp: fn('F') } });
  const template = Template.fromStack(stack);
  const [parameter] = Object.keys(template.toJSON().Parameters).filter((p) => p.startsWith('SsmParameterValue'));
  template.hasResourceProperties('Custom::CognitoUserPoolTriggers', { UserPoolId: { Ref: parameter }, Triggers: { PreSignUp: { LambdaArn: arnOf('F') } } });
});

test('two UserPoolTriggers on one pool in a stack run one after the other (each writes the whole pool); on another pool, at once', () => {
  const { stack, userPool, fn } = setup();
  const first = new UserPoolTriggers(stack, 'First', { userPool, triggers: { preSignUp: fn('A') } });
  const second = new UserPoolTriggers(stack, 'Second', { userPool: cognito.UserPool.fromUserPoolId(stack, 'Same', POOL_ID), triggers: { postConfirmation: fn('B') } });
  const third = new UserPoolTriggers(stack, 'Third', { userPool: cognito.UserPool.fromUserPoolId(stack, 'Another', 'us-east-1_Other'), triggers: { postConfirmation: fn('C') } });
  const template = Template.fromStack(stack);
  const idOf = (t: UserPoolTriggers) => stack.getLogicalId(t.resource.node.defaultChild as any);
  const dependsOn = (t: UserPoolTriggers) => (template.toJSON().Resources[idOf(t)].DependsOn as string[]).filter((d) => d.startsWith('First') || d.startsWith('Second') || d.startsWith('Third'));
  expect(dependsOn(first)).toEqual([expect.stringMatching(/^FirstPreSignUpInvoke/)]);
  expect(dependsOn(second)).toEqual([idOf(first), expect.stringMatching(/^SecondPostConfirmationInvoke/)]);
  expect(dependsOn(third)).toEqual([expect.stringMatching(/^ThirdPostConfirmationInvoke/)]);
});

describe('refused at synth', () => {
  test('a pool defined in this app, also through an import of its id or ARN, in another stack', () => {
    const { app, stack, fn } = setup();
    const platform = new Stack(app, 'Platform', { env: { account: '111111111111', region: 'us-east-1' } });
    const own = new UserPool(platform, 'Pool');
    const native = new cognito.UserPool(platform, 'Native');
    const f = fn('Fn');
    const message = (pool: string, path: string) => `[Team/T${pool}] userPool: received "${path}"; allowed: a pool this app does not define (${path === 'Team/ById' || path === 'Team/ByArn' ? 'Platform/Pool' : path} is defined in this app: set its triggers with its own lambdaTriggers or addTrigger; two writers of one LambdaConfig undo each other).`;
    expect(() => new UserPoolTriggers(stack, 'T1', { userPool: own, triggers: { preSignUp: f } })).toThrow(message('1', 'Platform/Pool'));
    expect(() => new UserPoolTriggers(stack, 'T2', { userPool: native, triggers: { preSignUp: f } })).toThrow(message('2', 'Platform/Native'));
    const byId = cognito.UserPool.fromUserPoolId(stack, 'ById', own.userPoolId);
    expect(() => new UserPoolTriggers(stack, 'T3', { userPool: byId, triggers: { preSignUp: f } })).toThrow(message('3', 'Team/ById'));
    const byArn = cognito.UserPool.fromUserPoolArn(stack, 'ByArn', own.userPoolArn);
    expect(() => new UserPoolTriggers(stack, 'T4', { userPool: byArn, triggers: { preSignUp: f } })).toThrow(message('4', 'Team/ByArn'));
  });

  test('two UserPoolTriggers setting the same slot of the same pool (anywhere in the app); other slots pass', () => {
    const { app, stack, userPool, fn } = setup();
    const other = new Stack(app, 'Other', { env: { account: '111111111111', region: 'us-east-1' } });
    new UserPoolTriggers(stack, 'First', { userPool, triggers: { preSignUp: fn('A'), postConfirmation: fn('B') } });
    const again = cognito.UserPool.fromUserPoolId(other, 'Again', POOL_ID);
    const f = new lambda.Function(other, 'C', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    expect(() => new UserPoolTriggers(other, 'Second', { userPool: again, triggers: { customMessage: f, postConfirmation: f } })).toThrow(
      '[Other/Second] triggers.postConfirmation: received "Other/Again"; allowed: a setting no other construct of the app declares (Team/First already declares the postConfirmation trigger of the pool Team/Shared).');
    expect(() => new UserPoolTriggers(other, 'Third', { userPool: again, triggers: { preAuthentication: f } })).not.toThrow();
  });

  test.each([
    [{ triggers: {} }, '[Team/T] triggers: received {}; allowed: at least one of preSignUp, customMessage, postConfirmation, preAuthentication, postAuthentication, defineAuthChallenge, createAuthChallenge, verifyAuthChallengeResponse, preTokenGeneration, userMigration, customEmailSender, customSmsSender, inboundFederation.'],
    [{ triggers: { customMessage: 'F' }, preTokenGenerationVersion: cognito.LambdaVersion.V2_0 }, '[Team/T] preTokenGenerationVersion: received "V2_0"; allowed: a version only with triggers.preTokenGeneration.'],
    [{ triggers: { customEmailSender: 'F' } }, '[Team/T] customSenderKmsKey: received undefined; allowed: a KMS key when triggers.customEmailSender or triggers.customSmsSender is set (Cognito encrypts the codes it sends them).'],
    [{ triggers: { customMessage: 'F' }, customSenderKmsKey: 'KEY' }, '[Team/T] customSenderKmsKey: received "Team/Key"; allowed: a key only with triggers.customEmailSender or triggers.customSmsSender.'],
    [{ triggers: { preSignUp: 'arn:aws:lambda:us-east-1:111111111111:function:f' } }, '[Team/T] triggers.preSignUp: received "arn:aws:lambda:us-east-1:111111111111:function:f"; allowed: a lambda.IFunction.'],
    [{ triggers: { preTokenGeneration: 'F' }, preTokenGenerationVersion: 'V9' }, '[Team/T] preTokenGenerationVersion: received "V9"; allowed: one of LambdaVersion.V1_0 ("V1_0"), LambdaVersion.V2_0 ("V2_0"), LambdaVersion.V3_0 ("V3_0").'],
  ])('%#: %j', (given: any, message) => {
    const { stack, userPool, fn } = setup();
    const f = fn('F');
    const key = new kms.Key(stack, 'Key');
    const triggers = Object.fromEntries(Object.entries(given.triggers).map(([k, v]) => [k, v === 'F' ? f : v]));
    expect(() => new UserPoolTriggers(stack, 'T', { ...given, userPool, triggers, customSenderKmsKey: given.customSenderKmsKey === 'KEY' ? key : undefined }))
      .toThrow(message);
  });

  test('all thirteen slots and a V3_0 pre token generation pass', () => {
    const { stack, userPool, fn } = setup();
    const f = fn('F');
    new UserPoolTriggers(stack, 'T', {
      userPool,
      triggers: {
        preSignUp: f, customMessage: f, postConfirmation: f, preAuthentication: f, postAuthentication: f, defineAuthChallenge: f,
        createAuthChallenge: f, verifyAuthChallengeResponse: f, preTokenGeneration: f, userMigration: f, customEmailSender: f,
        customSmsSender: f, inboundFederation: f,
      },
      preTokenGenerationVersion: cognito.LambdaVersion.V3_0,
      customSenderKmsKey: new kms.Key(stack, 'Key'),
    });
    const [resource] = Object.values(Template.fromStack(stack).findResources('Custom::CognitoUserPoolTriggers')) as any[];
    expect(Object.keys(resource.Properties.Triggers)).toEqual([
      'PreSignUp', 'CustomMessage', 'PostConfirmation', 'PreAuthentication', 'PostAuthentication', 'DefineAuthChallenge', 'CreateAuthChallenge',
      'VerifyAuthChallengeResponse', 'PreTokenGeneration', 'UserMigration', 'CustomEmailSender', 'CustomSMSSender', 'InboundFederation',
    ]);
    expect(resource.Properties.Triggers.PreTokenGeneration.LambdaVersion).toBe('V3_0');
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::Lambda::Permission'))).toHaveLength(1);
  });
});
