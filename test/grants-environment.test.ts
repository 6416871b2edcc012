import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { UserPool, UserPoolGrants } from '../lib';

function given() {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const pool = new UserPool(stack, 'Pool');
  const client = pool.addClient('Server', { disableOAuth: true, authFlows: { adminUserPassword: true } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
  return { stack, pool, client, fn };
}

const ref = (stack: Stack, c: { node: { defaultChild?: any } }) => ({ Ref: stack.getLogicalId(c.node.defaultChild) });

describe('grants that carry configuration', () => {
  test('environment: {} sets USER_POOL_ID to the granted pool, next to the grant', () => {
    const { stack, pool, fn } = given();
    pool.grants.grantUserReads(fn, { environment: {} });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { USER_POOL_ID: ref(stack, pool) } } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser', 'cognito-idp:AdminGetUserAuthFactors', 'cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'],
          Resource: { 'Fn::GetAtt': [stack.getLogicalId(pool.node.defaultChild as any), 'Arn'] },
        }],
      },
    });
  });

  test('a client and names of one\'s own', () => {
    const { stack, pool, client, fn } = given();
    pool.grants.grantAdminAuthentication(fn, { environment: { userPoolClient: client, userPoolIdVariable: 'POOL', userPoolClientIdVariable: 'CLIENT' } });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { POOL: ref(stack, pool), CLIENT: ref(stack, client) } },
    });
  });

  test('a client with the default variable name; an imported pool by ARN', () => {
    const { stack, client, fn } = given();
    const imported = UserPool.fromUserPoolArn(stack, 'Imported', 'arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_abcDEF123');
    UserPoolGrants.of(imported).grantGroupReads(fn, { environment: { userPoolClient: client } });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { USER_POOL_ID: 'us-east-1_abcDEF123', USER_POOL_CLIENT_ID: ref(stack, client) } },
    });
  });

  test('two grants of the same pool set the variable once, without complaint', () => {
    const { stack, pool, fn } = given();
    pool.grants.grantUserReads(fn, { environment: {} });
    pool.grants.grantGroupMembership(fn, { environment: {} });
    UserPoolGrants.of(pool).grantGroupReads(fn, { environment: {} });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { USER_POOL_ID: ref(stack, pool) } } });
  });

  test('without environment, no variable is set', () => {
    const { stack, pool, fn } = given();
    pool.grants.grantUserReads(fn);
    const fns = Template.fromStack(stack).findResources('AWS::Lambda::Function');
    expect(fns[stack.getLogicalId(fn.node.defaultChild as any)].Properties.Environment).toBeUndefined();
  });

  test('a function that already has the variable with another value is refused', () => {
    const { pool, fn } = given();
    fn.addEnvironment('USER_POOL_ID', 'us-east-1_other');
    expect(() => pool.grants.grantUserReads(fn, { environment: {} })).toThrow(
      '[Stack/Fn] environment.USER_POOL_ID: received "us-east-1_other"; allowed: the id of the pool Stack/Pool ({"Ref":"PoolD3F588B8"}): the function already has this variable with another value.');
  });

  test('a grant of another pool with the same variable is refused', () => {
    const { stack, pool, fn } = given();
    const other = new UserPool(stack, 'Other');
    pool.grants.grantUserReads(fn, { environment: {} });
    expect(() => other.grants.grantUserReads(fn, { environment: {} })).toThrow(
      '[Stack/Fn] environment.USER_POOL_ID: received {"Ref":"PoolD3F588B8"}; allowed: the id of the pool Stack/Other ({"Ref":"Other34654A52"}): the function already has this variable with another value.');
  });

  test('the variable changed after the grant is refused at synth', () => {
    const { stack, pool, fn } = given();
    pool.grants.grantUserReads(fn, { environment: {} });
    fn.addEnvironment('USER_POOL_ID', 'us-east-1_other');
    expect(() => Template.fromStack(stack)).toThrow(
      '[Stack/Fn] environment.USER_POOL_ID: received "us-east-1_other"; allowed: the id of the pool Stack/Pool ({"Ref":"PoolD3F588B8"}), which a grant set: a function granted a pool must point to that pool');
  });

  test.each([
    ['a role is no function', (s: Stack) => new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }), {},
      '[Stack/Role] environment: received "Stack/Role"; allowed: a grantee that is a lambda.Function (the variables are set on it).'],
    ['a bad variable name', undefined, { userPoolIdVariable: '1POOL' },
      '[Stack/Fn] environment.userPoolIdVariable: received "1POOL"; allowed: a letter, then letters, digits and _.'],
    ['a client variable without a client', undefined, { userPoolClientIdVariable: 'CLIENT' },
      '[Stack/Fn] environment.userPoolClientIdVariable: received "CLIENT"; allowed: a name only together with userPoolClient.'],
  ])('refused: %s', (_name, makeGrantee, environment, message) => {
    const { stack, pool, fn } = given();
    const grantee = makeGrantee ? makeGrantee(stack) : fn;
    expect(() => pool.grants.grantUserReads(grantee, { environment })).toThrow(message);
  });

  test('the same name for the pool and the client is refused', () => {
    const { pool, client, fn } = given();
    expect(() => pool.grants.grantUserReads(fn, { environment: { userPoolClient: client, userPoolClientIdVariable: 'USER_POOL_ID' } })).toThrow(
      '[Stack/Fn] environment.userPoolClientIdVariable: received "USER_POOL_ID"; allowed: a name other than userPoolIdVariable (USER_POOL_ID).');
  });

  test('aws-cdk-lib\'s pool works the same', () => {
    const { stack, fn } = given();
    const cdkPool = new cognito.UserPool(stack, 'CdkPool');
    UserPoolGrants.of(cdkPool).grantUserReads(fn, { environment: {} });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { USER_POOL_ID: ref(stack, cdkPool) } } });
  });
});
