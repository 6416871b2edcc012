import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { User } from '../lib';
import { CognitoWaiterProvider } from '../lib/private/extra-providers';
import { LOG_RETENTION_CONTEXT } from '../lib/private/provider';

function newStack(context: { [key: string]: unknown } = {}): Stack {
  return new Stack(new App({ context }), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

/** Each Lambda function of the template → the RetentionInDays of the log group it writes to. */
function retentionByFunction(stack: Stack): { [functionId: string]: unknown } {
  const template = Template.fromStack(stack);
  const groups = template.findResources('AWS::Logs::LogGroup');
  const functions = template.findResources('AWS::Lambda::Function');
  return Object.fromEntries(Object.entries(functions).map(([id, fn]) => {
    const ref = fn.Properties.LoggingConfig?.LogGroup?.Ref;
    return [id, ref === undefined ? 'no log group of its own' : groups[ref].Properties.RetentionInDays];
  }));
}

describe('log groups of the provider', () => {
  test('the handler and the provider framework write to log groups kept one month', () => {
    // GIVEN
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    // WHEN
    new User(stack, 'Admin', { userPool: pool, username: 'admin' });
    // THEN
    const template = Template.fromStack(stack);
    expect(retentionByFunction(stack)).toEqual({
      CognitoUserPoolsProviderHandler3EA9413F: 30,
      CognitoUserPoolsProviderframeworkonEvent2200E461: 30,
    });
    // Exactly those two groups, and no legacy LogRetention custom resource.
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup')).sort()).toEqual([
      'CognitoUserPoolsProviderFrameworkLogs4B100153', 'CognitoUserPoolsProviderHandlerLogsBCD1112E',
    ]);
    template.resourceCountIs('Custom::LogRetention', 0);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('the waiter provider (import jobs): all four functions write to log groups kept one month', () => {
    const stack = newStack();
    CognitoWaiterProvider.of(stack);
    expect(retentionByFunction(stack)).toEqual({
      CognitoUserPoolsProviderHandler3EA9413F: 30,
      CognitoUserPoolsProviderframeworkonEvent2200E461: 30,
      CognitoUserPoolsWaiterProviderHandler0EF2012D: 30,
      CognitoUserPoolsWaiterProviderframeworkonEvent7D3046EE: 30,
      CognitoUserPoolsWaiterProviderframeworkisComplete060285C4: 30,
      CognitoUserPoolsWaiterProviderframeworkonTimeout847575BF: 30,
    });
    Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 4);
  });

  test.each([
    ['7', 7],
    [90, 90],
    ['3653', 3653],
  ])('the context key sets the retention of every group: %p', (value, days) => {
    const stack = newStack({ [LOG_RETENTION_CONTEXT]: value });
    CognitoWaiterProvider.of(stack);
    const retentions = Object.values(retentionByFunction(stack));
    expect(retentions).toEqual(Array(6).fill(days));
  });

  test.each([
    ['10', '"10"'],
    [9999, '9999'],
    ['forever', '"forever"'],
  ])('a retention CloudWatch Logs does not accept fails at synth: %p', (value, shown) => {
    const stack = newStack({ [LOG_RETENTION_CONTEXT]: value });
    expect(() => CognitoWaiterProvider.of(stack)).toThrow(
      `[Stack/CognitoUserPoolsProvider] context cdk-cognito-userpools:providerLogRetentionDays: received ${shown}; ` +
      'allowed: a number of days CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.',
    );
  });
});
