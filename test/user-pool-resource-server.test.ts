import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ResourceServerScope, UserPool, UserPoolResourceServer } from '../lib';

function setUp() {
  const stack = new Stack(new App(), 'Stack');
  const userPool = new UserPool(stack, 'Pool');
  return { stack, userPool };
}

describe('UserPoolResourceServer', () => {
  test('renders identifier, name and scopes', () => {
    // GIVEN
    const { stack, userPool } = setUp();
    // WHEN
    new UserPoolResourceServer(stack, 'Api', {
      userPool,
      identifier: 'https://api.example.com',
      userPoolResourceServerName: 'Orders API',
      scopes: [
        new ResourceServerScope({ scopeName: 'orders.read', scopeDescription: 'Read orders' }),
        new ResourceServerScope({ scopeName: 'orders.write', scopeDescription: 'Create and change orders' }),
      ],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      Identifier: 'https://api.example.com',
      Name: 'Orders API',
      Scopes: [
        { ScopeName: 'orders.read', ScopeDescription: 'Read orders' },
        { ScopeName: 'orders.write', ScopeDescription: 'Create and change orders' },
      ],
    });
  });

  test('oauthScope gives an app client the full scope name', () => {
    // GIVEN
    const { stack, userPool } = setUp();
    const read = new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
    const server = new UserPoolResourceServer(stack, 'Api', { userPool, identifier: 'orders', scopes: [read] });
    // WHEN
    userPool.addClient('Client', { oAuth: { flows: { clientCredentials: true }, scopes: [server.oauthScope('read')] }, generateSecret: true });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthScopes: [{ 'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('^Api') }, '/read']] }],
    });
    expect(server.scopes).toEqual([read]);
  });

  test('oauthScope refuses a scope the server does not declare', () => {
    const { stack, userPool } = setUp();
    const server = new UserPoolResourceServer(stack, 'Api', {
      userPool, identifier: 'orders', scopes: [new ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' })],
    });
    expect(() => server.oauthScope('write')).toThrow('[Stack/Api] oauthScope: received "write"; allowed: a scope the server declares (read).');
  });

  test('with no scopes, Scopes is left out and the name defaults to the identifier', () => {
    const { stack, userPool } = setUp();
    new UserPoolResourceServer(stack, 'Api', { userPool, identifier: 'orders' });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'orders',
      Name: 'orders',
      Scopes: Match.absent(),
    });
  });

  test('an https identifier gives a default name without the characters Cognito refuses in names', () => {
    const { stack, userPool } = setUp();
    new UserPoolResourceServer(stack, 'Api', { userPool, identifier: 'https://api.example.com/orders' });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'https://api.example.com/orders',
      Name: 'https---api.example.com-orders',
    });
  });

  test('accepts 100 scopes', () => {
    const { stack, userPool } = setUp();
    const scopes = Array.from({ length: 100 }, (_, i) => new ResourceServerScope({ scopeName: `s${i}`, scopeDescription: `scope ${i}` }));
    expect(() => new UserPoolResourceServer(stack, 'Api', { userPool, identifier: 'orders', scopes })).not.toThrow();
  });

  test('unresolved tokens are not checked', () => {
    const { stack, userPool } = setUp();
    const p = new CfnParameter(stack, 'P').valueAsString;
    expect(() => new UserPoolResourceServer(stack, 'Api', {
      userPool, identifier: p, userPoolResourceServerName: p,
      scopes: [new ResourceServerScope({ scopeName: p, scopeDescription: p }), new ResourceServerScope({ scopeName: p, scopeDescription: p })],
    })).not.toThrow();
  });
});
