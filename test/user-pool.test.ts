import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from '../lib';

describe('UserPool defaults', () => {
  test('a pool with no props requires TOTP MFA, keeps deletion protection and is retained', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    new UserPool(stack, 'Pool');
    // THEN
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        DeletionProtection: 'ACTIVE',
      }),
    });
  });
});
