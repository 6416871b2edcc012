// The organisation-defaults example: a pool that sets none of the organisation's settings gets
// them all, the web client gets the token validities, the frontend's configuration is in the SSM
// parameter, and the back-office function gets the ids with its grant.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addOrgDefaultsAndFrontend } from '../examples/org-defaults-and-frontend';

test('the example\'s pool and client carry the organisation\'s settings; the function the ids', () => {
  // GIVEN / WHEN
  const stack = addOrgDefaultsAndFrontend(new App());
  const template = Template.fromStack(stack);
  const id = (path: string) => stack.getLogicalId(stack.node.findChild('Pool').node.findChild(path).node.defaultChild as any);
  const poolId = stack.getLogicalId(stack.node.findChild('Pool').node.defaultChild as any);
  // THEN
  template.hasResourceProperties('AWS::Cognito::UserPool', {
    Policies: {
      PasswordPolicy: {
        MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true,
        PasswordHistorySize: 5, TemporaryPasswordValidityDays: 3,
      },
    },
    MfaConfiguration: 'ON',
    EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    UserPoolTier: 'ESSENTIALS',
    DeletionProtection: 'ACTIVE',
  });
  template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
    AccessTokenValidity: 30,
    IdTokenValidity: 30,
    RefreshTokenValidity: 10080,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    CallbackURLs: ['https://app.acme.example/', 'http://localhost:5173/'],
  });
  template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/acme/orders/web/amplify_outputs', Type: 'String', Tier: 'Standard' });
  template.hasResourceProperties('AWS::Lambda::Function', {
    Environment: { Variables: { USER_POOL_ID: { Ref: poolId }, USER_POOL_CLIENT_ID: { Ref: id('Web') } } },
  });
  expect(Object.keys(template.toJSON().Outputs)).toEqual(['FrontendParameter', 'Frontend']);
});
