import { App, Duration, InjectionContext, IPropertyInjector, PropertyInjectors, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lib from '../lib';
import { UserPool, UserPoolClient, UserPoolGroup, User } from '../lib';
import { propsInventory } from './helpers/props-inventory';

/** An injector that applies a function to the props and records each call. */
class Recording implements IPropertyInjector {
  public readonly calls: Array<{ props: any; scopePath: string; id: string }> = [];
  constructor(public readonly constructUniqueId: string, private readonly fn: (props: any) => any) {}
  public inject(originalProps: any, context: InjectionContext): any {
    this.calls.push({ props: originalProps, scopePath: context.scope.node.path, id: context.id });
    return this.fn(originalProps);
  }
}

class Stop extends Error {}

describe('every construct class has its own PROPERTY_INJECTION_ID', () => {
  const classes = [...propsInventory().keys()].sort();

  test('the inventory finds the construct classes', () => {
    expect(classes).toEqual(expect.arrayContaining(['UserPool', 'UserPoolClient', 'User', 'Users', 'RiskConfiguration', 'UserPoolIdentityProviderSaml']));
  });

  test.each(classes)('%s: id is cdk-cognito-userpools.<class name>', (name) => {
    expect((lib as any)[name].PROPERTY_INJECTION_ID).toBe(`cdk-cognito-userpools.${name}`);
  });

  test('ids are unique, and none is one of aws-cdk-lib\'s', () => {
    const ids = classes.map((name) => (lib as any)[name].PROPERTY_INJECTION_ID);
    expect(new Set(ids).size).toBe(classes.length);
    expect(ids.filter((id: string) => !id.startsWith('cdk-cognito-userpools.'))).toEqual([]);
  });

  // The injector runs first, before any check of the props: it is given exactly the props passed
  // to the constructor, with the scope and id, and what it returns is what the class is built from
  // (here it stops the construction, so no valid props are needed for each class).
  test.each(classes)('%s: an injector for its id receives its props before anything else', (name) => {
    const stack = new Stack(new App(), 'Stack');
    const props = { marker: name };
    const injector = new Recording(`cdk-cognito-userpools.${name}`, () => { throw new Stop(name); });
    PropertyInjectors.of(stack).add(injector);
    expect(() => new (lib as any)[name](stack, 'Subject', props)).toThrow(new Stop(name));
    expect(injector.calls).toEqual([{ props, scopePath: 'Stack', id: 'Subject' }]);
  });
});

describe('injected props take effect', () => {
  test('UserPool: the injected password policy is in the template; explicit props are left to the injector', () => {
    // GIVEN
    const app = new App();
    PropertyInjectors.of(app).add(new Recording(UserPool.PROPERTY_INJECTION_ID, (p) => ({
      passwordPolicy: { minLength: 16, requireSymbols: false }, ...p,
    })));
    const stack = new Stack(app, 'Stack');
    // WHEN
    new UserPool(stack, 'Defaulted');
    new UserPool(stack, 'Explicit', { passwordPolicy: { minLength: 10 } });
    // THEN
    const pools = Template.fromStack(stack).findResources('AWS::Cognito::UserPool');
    const policies = (id: string) => pools[stack.getLogicalId(stack.node.findChild(id).node.defaultChild as any)].Properties.Policies;
    expect(policies('Defaulted')).toEqual({ PasswordPolicy: { MinimumLength: 16, RequireSymbols: false } });
    expect(policies('Explicit')).toEqual({ PasswordPolicy: { MinimumLength: 10 } });
  });

  test('UserPoolClient: an injected token validity', () => {
    const app = new App();
    PropertyInjectors.of(app).add(new Recording(UserPoolClient.PROPERTY_INJECTION_ID, (p) => ({ ...p, accessTokenValidity: Duration.minutes(15) })));
    const stack = new Stack(app, 'Stack');
    new UserPoolClient(stack, 'Client', { userPool: new UserPool(stack, 'Pool') });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 15,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
  });

  test('UserPool.addClient builds this library\'s client, so the client injector applies to it', () => {
    const app = new App();
    PropertyInjectors.of(app).add(new Recording(UserPoolClient.PROPERTY_INJECTION_ID, (p) => ({ ...p, idTokenValidity: Duration.minutes(30) })));
    const stack = new Stack(app, 'Stack');
    new UserPool(stack, 'Pool').addClient('Client');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { IdTokenValidity: 30 });
  });

  test('UserPoolGroup and User: injected description and attributes', () => {
    const app = new App();
    PropertyInjectors.of(app).add(
      new Recording(UserPoolGroup.PROPERTY_INJECTION_ID, (p) => ({ ...p, description: 'managed by the platform team' })),
      new Recording(User.PROPERTY_INJECTION_ID, (p) => ({ ...p, attributes: { locale: 'en-GB', ...p.attributes } })),
    );
    const stack = new Stack(app, 'Stack');
    const userPool = new UserPool(stack, 'Pool');
    new UserPoolGroup(stack, 'Group', { userPool, groupName: 'admins' });
    new User(stack, 'User', { userPool, username: 'alice' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins', Description: 'managed by the platform team' });
    template.hasResourceProperties('Custom::CognitoUser', { Username: 'alice', Attributes: { locale: 'en-GB' } });
  });

  test('the nearest scope\'s injector wins: a stack\'s injector over the app\'s', () => {
    const app = new App();
    PropertyInjectors.of(app).add(new Recording(UserPoolGroup.PROPERTY_INJECTION_ID, (p) => ({ ...p, description: 'app' })));
    const stack = new Stack(app, 'Stack');
    PropertyInjectors.of(stack).add(new Recording(UserPoolGroup.PROPERTY_INJECTION_ID, (p) => ({ ...p, description: 'stack' })));
    new UserPoolGroup(stack, 'Group', { userPool: new UserPool(stack, 'Pool'), groupName: 'admins' });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolGroup', { Description: 'stack' });
  });
});

describe('an injector for aws-cdk-lib\'s class id', () => {
  const SUBCLASSES = ['UserPool', 'UserPoolClient', 'UserPoolDomain', 'UserPoolGroup', 'UserPoolResourceServer',
    'UserPoolIdentityProviderAmazon', 'UserPoolIdentityProviderApple', 'UserPoolIdentityProviderFacebook',
    'UserPoolIdentityProviderGoogle', 'UserPoolIdentityProviderOidc', 'UserPoolIdentityProviderSaml'];

  test.each(SUBCLASSES)('%s: this library\'s id first, then aws-cdk-lib\'s on what the first returned, before any check', (name) => {
    const stack = new Stack(new App(), 'Stack');
    const ours = new Recording(`cdk-cognito-userpools.${name}`, (p) => ({ ...p, ours: true }));
    const theirs = new Recording((cognito as any)[name].PROPERTY_INJECTION_ID, () => { throw new Stop(name); });
    PropertyInjectors.of(stack).add(ours, theirs);
    expect((cognito as any)[name].PROPERTY_INJECTION_ID).toBe(`aws-cdk-lib.aws-cognito.${name}`);
    expect(() => new (lib as any)[name](stack, 'Subject', { marker: name })).toThrow(new Stop(name));
    expect(ours.calls).toEqual([{ props: { marker: name }, scopePath: 'Stack', id: 'Subject' }]);
    expect(theirs.calls).toEqual([{ props: { marker: name, ours: true }, scopePath: 'Stack', id: 'Subject' }]);
  });

  test('applies to this library\'s subclass too, before its checks and secure defaults, and again inside aws-cdk-lib\'s constructor', () => {
    // GIVEN
    const app = new App();
    const cdkInjector = new Recording(cognito.UserPool.PROPERTY_INJECTION_ID, (p) => ({ featurePlan: cognito.FeaturePlan.PLUS, ...p }));
    PropertyInjectors.of(app).add(cdkInjector);
    const stack = new Stack(app, 'Stack');
    // WHEN
    new UserPool(stack, 'Pool');
    // THEN: the Plus plan came from the injector, and this library's Plus default (threat
    // protection on) followed from it, which only happens when our class sees the injected props.
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    expect(cdkInjector.calls.map((c) => [c.scopePath, c.id, c.props.featurePlan])).toEqual([
      ['Stack', 'Pool', undefined], // this library's constructor, on the props it was given
      ['Stack', 'Pool', cognito.FeaturePlan.PLUS], // aws-cdk-lib's constructor, on what ours hands on
    ]);
  });

  test('an injected bad value gets this library\'s error', () => {
    const app = new App();
    PropertyInjectors.of(app).add(new Recording(cognito.UserPoolClient.PROPERTY_INJECTION_ID, (p) => ({ ...p, accessTokenValidity: Duration.minutes(2) })));
    const stack = new Stack(app, 'Stack');
    expect(() => new UserPoolClient(stack, 'Client', { userPool: new UserPool(stack, 'Pool') }))
      .toThrow('[Stack/Client] accessTokenValidity: received 2 minutes; allowed: 5 minutes to 1 day, in whole minutes.');
  });

  test('this library\'s id is applied first, then aws-cdk-lib\'s: with "defaults under explicit props" injectors, ours wins', () => {
    const app = new App();
    const ours = new Recording(UserPoolGroup.PROPERTY_INJECTION_ID, (p) => ({ description: 'ours', ...p }));
    const theirs = new Recording(cognito.UserPoolGroup.PROPERTY_INJECTION_ID, (p) => ({ description: 'aws-cdk-lib', precedence: 7, ...p }));
    PropertyInjectors.of(app).add(ours, theirs);
    const stack = new Stack(app, 'Stack');
    new UserPoolGroup(stack, 'Group', { userPool: new UserPool(stack, 'Pool'), groupName: 'admins' });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolGroup', { Description: 'ours', Precedence: 7 });
    expect(ours.calls).toHaveLength(1);
    expect(theirs.calls.map((c) => c.props.description)).toEqual(['ours', undefined]);
  });

  test('an injector for this library\'s id does not touch aws-cdk-lib\'s own class', () => {
    const app = new App();
    PropertyInjectors.of(app).add(new Recording(UserPoolGroup.PROPERTY_INJECTION_ID, (p) => ({ ...p, description: 'ours' })));
    const stack = new Stack(app, 'Stack');
    new cognito.UserPoolGroup(stack, 'Group', { userPool: new UserPool(stack, 'Pool'), groupName: 'admins' });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolGroup', { Description: Match.absent() });
  });
});
