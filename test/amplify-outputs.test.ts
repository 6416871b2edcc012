import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AmplifyMfaConfiguration, AmplifyOutputs, UserPool, UserPoolIdentityProviderGoogle } from '../lib';
import { amplifyOutputsErrors } from './helpers/amplify-outputs-schema';

const ENV = { region: 'eu-west-1', account: '111111111111' };

/**
 * What CloudFormation makes of a value at deploy time: each `Ref` replaced by a sample of what
 * it returns (a pool id, a client id, a domain prefix), the parts joined.
 */
function deployed(value: any, samples: Record<string, string>): string {
  if (typeof value === 'string') return value;
  if (value.Ref) {
    if (!(value.Ref in samples)) throw new Error(`no sample for ${value.Ref}`);
    return samples[value.Ref];
  }
  if (value['Fn::Join']) return value['Fn::Join'][1].map((part: any) => deployed(part, samples)).join(value['Fn::Join'][0]);
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

function logicalId(stack: Stack, construct: { node: { defaultChild?: any } }): string {
  return stack.getLogicalId(construct.node.defaultChild);
}

/** A pool of this library with everything the auth section can say. */
function fullApp() {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const userPool = new UserPool(stack, 'Pool', {
    signInAliases: { email: true },
    autoVerify: { email: true },
    standardAttributes: { givenName: { required: true }, email: { required: true } },
    passwordPolicy: { minLength: 10, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: false },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: true },
  });
  const google = new UserPoolIdentityProviderGoogle(stack, 'Google', {
    userPool, clientId: 'abc.apps.googleusercontent.com', clientSecretValue: SecretValue.secretsManager('google'),
  });
  const client = userPool.addClient('Web', {
    oAuth: {
      callbackUrls: ['https://app.example.com/', 'http://localhost:3000/'],
      logoutUrls: ['https://app.example.com/bye'],
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE],
  });
  client.node.addDependency(google);
  const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'acme-auth' } });
  userPool.addGroup('Admins', { groupName: 'admins', precedence: 1 });
  userPool.addGroup('Readers', { groupName: 'readers' });
  return { stack, userPool, client, domain };
}

describe('AmplifyOutputs', () => {
  test('this library\'s pool: the SSM parameter holds the whole auth section, which type-checks against Amplify\'s published types', () => {
    // GIVEN
    const { stack, userPool, client, domain } = fullApp();
    // WHEN
    const outputs = new AmplifyOutputs(stack, 'Frontend', { userPool, userPoolClient: client, domain, parameterName: '/acme/web/amplify_outputs' });
    // THEN
    const template = Template.fromStack(stack);
    const parameters = template.findResources('AWS::SSM::Parameter');
    const parameter = parameters[logicalId(stack, outputs.parameter!)];
    expect(Object.keys(parameters)).toHaveLength(1);
    expect({ ...parameter.Properties, Value: undefined }).toEqual({
      Name: '/acme/web/amplify_outputs',
      Description: 'amplify_outputs.json for a frontend of this user pool',
      Tier: 'Standard',
      Type: 'String',
      Value: undefined,
    });
    const samples = {
      [logicalId(stack, userPool)]: 'eu-west-1_AbCdEf123',
      [logicalId(stack, client)]: '1example23456789abcdefghij',
      [logicalId(stack, domain)]: 'acme-auth',
    };
    const document = JSON.parse(deployed(parameter.Properties.Value, samples));
    expect(document).toEqual({
      version: '1.4',
      auth: {
        aws_region: 'eu-west-1',
        user_pool_id: 'eu-west-1_AbCdEf123',
        user_pool_client_id: '1example23456789abcdefghij',
        password_policy: { min_length: 10, require_numbers: true, require_lowercase: true, require_uppercase: true, require_symbols: false },
        oauth: {
          identity_providers: ['GOOGLE'],
          domain: 'acme-auth.auth.eu-west-1.amazoncognito.com',
          scopes: ['openid', 'email'],
          redirect_sign_in_uri: ['https://app.example.com/', 'http://localhost:3000/'],
          redirect_sign_out_uri: ['https://app.example.com/bye'],
          response_type: 'code',
        },
        username_attributes: ['email'],
        standard_required_attributes: ['given_name', 'email'],
        user_verification_types: ['email'],
        mfa_configuration: 'OPTIONAL',
        mfa_methods: ['SMS', 'TOTP'],
        groups: [{ admins: { precedence: 1 } }, { readers: {} }],
      },
    });
    expect(amplifyOutputsErrors(document)).toEqual([]);

    // The stack outputs: the JSON under the construct's id, the parameter's name beside it.
    const stackOutputs = template.toJSON().Outputs;
    expect(stackOutputs.Frontend.Value).toEqual(parameter.Properties.Value);
    expect(stackOutputs.FrontendParameter).toEqual({ Description: 'The SSM parameter that holds amplify_outputs.json', Value: { Ref: logicalId(stack, outputs.parameter!) } });
  });

  test('the type check refuses what Amplify would not read (the check itself works)', () => {
    const good = { version: '1.4', auth: { aws_region: 'eu-west-1', user_pool_id: 'p', user_pool_client_id: 'c', mfa_configuration: 'ON' } };
    expect(amplifyOutputsErrors(good)).toEqual([
      expect.stringContaining('Type \'"ON"\' is not assignable to type \'"NONE" | "OPTIONAL" | "REQUIRED"'),
    ]);
    expect(amplifyOutputsErrors({ version: '1.4', auth: { aws_region: 'eu-west-1', user_pool_id: 'p', user_pool_client_id: 'c', domain: 'x' } }))
      .toEqual([expect.stringContaining('\'"domain"\' does not exist in type')]);
    expect(amplifyOutputsErrors({ version: '1.4', auth: { aws_region: 'eu-west-1', user_pool_id: 'p' } }))
      .toEqual([expect.stringContaining('Property \'user_pool_client_id\' is missing')]);
    expect(amplifyOutputsErrors({ version: '1.4', auth: { aws_region: 'r', user_pool_id: 'p', user_pool_client_id: 'c', username_attributes: [] } }))
      .toEqual(['auth.username_attributes: at least 1 item']);
  });

  test('a password policy that leaves a character class out is not guessed; facts.passwordPolicy gives it', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool', { passwordPolicy: { minLength: 10 } });
    const client = userPool.addClient('Web', { disableOAuth: true });
    new AmplifyOutputs(stack, 'Without', { userPool, userPoolClient: client, writeParameter: false });
    new AmplifyOutputs(stack, 'With', {
      userPool, userPoolClient: client, writeParameter: false,
      facts: { passwordPolicy: { minLength: 10, requireNumbers: false, requireLowercase: false, requireUppercase: false, requireSymbols: false } },
    });
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    const samples = { [logicalId(stack, userPool)]: 'p', [logicalId(stack, client)]: 'c' };
    expect(JSON.parse(deployed(outputs.Without.Value, samples)).auth.password_policy).toBeUndefined();
    expect(JSON.parse(deployed(outputs.With.Value, samples)).auth.password_policy)
      .toEqual({ min_length: 10, require_numbers: false, require_lowercase: false, require_uppercase: false, require_symbols: false });
  });

  test('aws-cdk-lib\'s pool and client: the same facts are read from their CloudFormation resources', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new cognito.UserPool(stack, 'Pool', { signInAliases: { username: true, email: true } });
    const client = userPool.addClient('Web', { disableOAuth: true });
    new AmplifyOutputs(stack, 'Frontend', { userPool, userPoolClient: client });
    const value = Template.fromStack(stack).toJSON().Outputs.Frontend.Value;
    const document = JSON.parse(deployed(value, { [logicalId(stack, userPool)]: 'eu-west-1_AbCdEf123', [logicalId(stack, client)]: 'client123' }));
    expect(document).toEqual({
      version: '1.4',
      auth: {
        aws_region: 'eu-west-1',
        user_pool_id: 'eu-west-1_AbCdEf123',
        user_pool_client_id: 'client123',
        // aws-cdk-lib writes no password policy: Cognito's default applies.
        password_policy: { min_length: 8, require_numbers: true, require_lowercase: true, require_uppercase: true, require_symbols: true },
        username_attributes: ['username'],
        standard_required_attributes: [],
        user_verification_types: ['email'],
        mfa_configuration: 'NONE',
      },
    });
    expect(amplifyOutputsErrors(document)).toEqual([]);
  });

  test('an imported pool and client: ids, Region and the facts given; identity pool', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = UserPool.fromUserPoolArn(stack, 'Pool', 'arn:aws:cognito-idp:us-east-2:111111111111:userpool/us-east-2_AbCdEf123');
    const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'client123');
    new AmplifyOutputs(stack, 'Frontend', {
      userPool,
      userPoolClient: client,
      identityPoolId: 'us-east-2:11111111-2222-3333-4444-555555555555',
      unauthenticatedIdentitiesEnabled: false,
      writeParameter: false,
      facts: {
        usernameAttributes: ['email'],
        mfaConfiguration: AmplifyMfaConfiguration.REQUIRED,
        mfaMethods: ['TOTP'],
        passwordPolicy: { minLength: 12, requireNumbers: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
        groups: { admins: 1, readers: 2 },
      },
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SSM::Parameter', 0);
    const document = JSON.parse(template.toJSON().Outputs.Frontend.Value);
    expect(document).toEqual({
      version: '1.4',
      auth: {
        aws_region: 'us-east-2',
        user_pool_id: 'us-east-2_AbCdEf123',
        user_pool_client_id: 'client123',
        identity_pool_id: 'us-east-2:11111111-2222-3333-4444-555555555555',
        password_policy: { min_length: 12, require_numbers: true, require_lowercase: true, require_uppercase: true, require_symbols: true },
        username_attributes: ['email'],
        unauthenticated_identities_enabled: false,
        mfa_configuration: 'REQUIRED',
        mfa_methods: ['TOTP'],
        groups: [{ admins: { precedence: 1 } }, { readers: { precedence: 2 } }],
      },
    });
    expect(amplifyOutputsErrors(document)).toEqual([]);
    expect(Object.keys(template.toJSON().Outputs)).toEqual(['Frontend']);
  });

  test('groups and clients added after the construct are in the document (read when the app is synthesized)', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool');
    const client = userPool.addClient('Web', { disableOAuth: true });
    new AmplifyOutputs(stack, 'Frontend', { userPool, userPoolClient: client, outputPrefix: 'WebAuth' });
    userPool.addGroup('Late', { groupName: 'late', precedence: 3 });
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    expect(Object.keys(outputs)).toEqual(['WebAuthParameter', 'WebAuth']);
    // No parameterName: CloudFormation names the parameter.
    expect(Object.values(Template.fromStack(stack).findResources('AWS::SSM::Parameter')).map((r) => r.Properties.Name)).toEqual([undefined]);
    const document = JSON.parse(deployed(outputs.WebAuth.Value, { [logicalId(stack, userPool)]: 'p', [logicalId(stack, client)]: 'c' }));
    expect(document.auth.groups).toEqual([{ late: { precedence: 3 } }]);
  });

  test('bucket: the JSON is also written as an object with BucketDeployment', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool');
    const client = userPool.addClient('Web', { disableOAuth: true });
    const bucket = new s3.Bucket(stack, 'Site');
    new AmplifyOutputs(stack, 'Frontend', { userPool, userPoolClient: client, bucket, objectKey: 'config/amplify_outputs.json', writeParameter: false });
    const template = Template.fromStack(stack);
    // The object's content is one marker, which the deployment replaces with the JSON
    // CloudFormation completed: the same value as the stack output.
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalId(stack, bucket) },
      Prune: false,
      Extract: true,
      SourceMarkers: [{ '<<marker:0xbaba:0>>': template.toJSON().Outputs.Frontend.Value }],
    });
    template.resourceCountIs('AWS::SSM::Parameter', 0);
  });

  test.each([
    ['outputPrefix', { outputPrefix: '9lives' }, '[Stack/Frontend] outputPrefix: received "9lives"; allowed: letters and digits, starting with a letter.'],
    ['objectKey without bucket', { objectKey: 'a.json' }, '[Stack/Frontend] objectKey: received "a.json"; allowed: a key only together with bucket.'],
    ['parameterName without a parameter', { writeParameter: false, parameterName: '/x' }, '[Stack/Frontend] parameterName: received "/x"; allowed: no name when writeParameter is false.'],
    ['facts.usernameAttributes', { facts: { usernameAttributes: ['phone'] } }, '[Stack/Frontend] facts.usernameAttributes: received "phone"; allowed: one of "email", "phone_number", "username".'],
    ['facts.mfaMethods', { facts: { mfaMethods: ['SOFTWARE_TOKEN_MFA'] } }, '[Stack/Frontend] facts.mfaMethods: received "SOFTWARE_TOKEN_MFA"; allowed: one of "SMS", "TOTP", "EMAIL".'],
    ['domainBaseUrl', { domainBaseUrl: 'auth.acme.example' }, '[Stack/Frontend] domainBaseUrl: received "auth.acme.example"; allowed: https://<host>.'],
  ])('refused: %s', (_name, extra, message) => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool');
    const client = userPool.addClient('Web', { disableOAuth: true });
    expect(() => new AmplifyOutputs(stack, 'Frontend', { userPool, userPoolClient: client, ...extra as any })).toThrow(message);
  });

  test('a pool shared through SSM parameters: ids and domain are the parameters\' values; CloudFormation cuts the host out of the base URL', () => {
    // GIVEN a team stack that consumes a pool another stack shares
    const stack = new Stack(new App(), 'Team', { env: ENV });
    const shared = UserPool.fromSharedParameters(stack, 'Pool', { parameterPrefix: '/acme/pool' });
    // WHEN
    new AmplifyOutputs(stack, 'Frontend', {
      userPool: shared,
      userPoolClient: shared.client('web'),
      domainBaseUrl: shared.domainBaseUrl,
      writeParameter: false,
      facts: { usernameAttributes: ['email'], redirectSignInUris: ['https://team.acme.example/'], redirectSignOutUris: ['https://team.acme.example/bye'], oauthScopes: ['openid'] },
    });
    // THEN each value is a parameter of type AWS::SSM::Parameter::Value<String>
    const template = Template.fromStack(stack).toJSON();
    const parameterFor = (name: string) => Object.entries(template.Parameters as Record<string, any>).find(([, p]) => p.Default === name)![0];
    const value = template.Outputs.Frontend.Value;
    const samples: Record<string, string> = {
      [parameterFor('/acme/pool/user-pool/id')]: 'eu-west-1_AbCdEf123',
      [parameterFor('/acme/pool/clients/web/id')]: 'client123',
    };
    const baseUrl = parameterFor('/acme/pool/domain/base-url');
    // The host: Fn::Select 2 of Fn::Split "/" of the base URL, which for the sample base URL
    // https://auth.acme.example gives "auth.acme.example".
    const hostPart = value['Fn::Join'][1].find((part: any) => part['Fn::Select']);
    expect(hostPart).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: baseUrl }] }] });
    expect('https://auth.acme.example'.split('/')[2]).toBe('auth.acme.example');
    const parts = value['Fn::Join'][1].map((part: any) => part === hostPart ? 'auth.acme.example' : part);
    const document = JSON.parse(deployed({ 'Fn::Join': ['', parts] }, samples));
    expect(document.auth).toEqual({
      aws_region: 'eu-west-1',
      user_pool_id: 'eu-west-1_AbCdEf123',
      user_pool_client_id: 'client123',
      oauth: {
        identity_providers: [],
        domain: 'auth.acme.example',
        scopes: ['openid'],
        redirect_sign_in_uri: ['https://team.acme.example/'],
        redirect_sign_out_uri: ['https://team.acme.example/bye'],
        response_type: 'code',
      },
      username_attributes: ['email'],
    });
    expect(amplifyOutputsErrors(document)).toEqual([]);
  });

  test('a client with only the implicit grant: response_type token', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool');
    const client = userPool.addClient('Web', {
      oAuth: { flows: { implicitCodeGrant: true }, callbackUrls: ['https://app.example.com/'], logoutUrls: ['https://app.example.com/bye'] },
    });
    const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'acme-auth' } });
    new AmplifyOutputs(stack, 'Frontend', { userPool, userPoolClient: client, domain, writeParameter: false });
    const value = Template.fromStack(stack).toJSON().Outputs.Frontend.Value;
    const document = JSON.parse(deployed(value, { [logicalId(stack, userPool)]: 'p', [logicalId(stack, client)]: 'c', [logicalId(stack, domain)]: 'acme-auth' }));
    expect(document.auth.oauth.response_type).toBe('token');
    expect(amplifyOutputsErrors(document)).toEqual([]);
  });

  test('a client with a secret is refused: a frontend cannot keep it', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool');
    const client = userPool.addClient('Server', { generateSecret: true, disableOAuth: true });
    expect(() => new AmplifyOutputs(stack, 'Frontend', { userPool, userPoolClient: client }))
      .toThrow('[Stack/Frontend] userPoolClient: received "Stack/Pool/Server"; allowed: a public client (no generateSecret): a frontend cannot keep a client secret.');
  });

  test('an oauth section needs a sign-out URL: a client without one is refused at synth', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool');
    const client = userPool.addClient('Web', { oAuth: { callbackUrls: ['https://app.example.com/'] } });
    const domain = userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'acme-auth' } });
    new AmplifyOutputs(stack, 'Frontend', { userPool, userPoolClient: client, domain });
    expect(() => Template.fromStack(stack)).toThrow('[Stack/Frontend] userPoolClient.oAuth.logoutUrls: received []; allowed: at least one URL: Amplify\'s oauth section needs a redirect URL for sign-in and for sign-out (or give facts.redirectSignInUris / redirectSignOutUris).');
  });

  test('an imported client with a domain needs its redirect URLs as facts', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const userPool = new UserPool(stack, 'Pool');
    const domain = userPool.addDomain('Domain', { customDomain: { domainName: 'auth.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc') } });
    const client = cognito.UserPoolClient.fromUserPoolClientId(stack, 'Web', 'client123');
    new AmplifyOutputs(stack, 'Frontend', {
      userPool, userPoolClient: client, domain, writeParameter: false,
      facts: { redirectSignInUris: ['https://app.example.com/'], redirectSignOutUris: ['https://app.example.com/bye'], oauthScopes: ['openid'] },
    });
    const document = JSON.parse(deployed(Template.fromStack(stack).toJSON().Outputs.Frontend.Value, {
      [logicalId(stack, userPool)]: 'p', [logicalId(stack, domain)]: 'auth.example.com',
    }));
    expect(document.auth.oauth).toEqual({
      identity_providers: [],
      domain: 'auth.example.com',
      scopes: ['openid'],
      redirect_sign_in_uri: ['https://app.example.com/'],
      redirect_sign_out_uri: ['https://app.example.com/bye'],
      response_type: 'code',
    });
    expect(amplifyOutputsErrors(document)).toEqual([]);

    const stack2 = new Stack(new App(), 'Stack', { env: ENV });
    const pool2 = new UserPool(stack2, 'Pool');
    new AmplifyOutputs(stack2, 'Frontend', {
      userPool: pool2, userPoolClient: cognito.UserPoolClient.fromUserPoolClientId(stack2, 'Web', 'client123'),
      domain: pool2.addDomain('Domain', { cognitoDomain: { domainPrefix: 'acme-auth' } }),
    });
    expect(() => Template.fromStack(stack2)).toThrow('[Stack/Frontend] facts.redirectSignInUris: received undefined; allowed: the redirect URLs of a client that is not defined in this app.');
  });
});
