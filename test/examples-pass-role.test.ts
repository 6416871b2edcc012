// Every role this library lets something pass can only be passed to the service that needs it:
// each iam:PassRole statement in the example app carries an iam:PassedToService condition.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildExampleApp } from '../examples/all';

interface Statement { Action?: string | string[]; Condition?: { StringEquals?: { [key: string]: unknown } } }

test('every iam:PassRole of the example app names the service the role is passed to', () => {
  // GIVEN the whole example app
  const app = new App();
  buildExampleApp(app);
  // WHEN its policies' PassRole statements are collected
  const passRoles: Array<{ where: string; statement: Statement }> = [];
  for (const stack of app.node.children.filter(Stack.isStack)) {
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    for (const [id, policy] of Object.entries(policies)) {
      for (const statement of (policy.Properties.PolicyDocument.Statement as Statement[])) {
        const actions = ([] as string[]).concat(statement.Action ?? []);
        if (actions.includes('iam:PassRole')) passRoles.push({ where: `${stack.stackName}/${id}`, statement });
      }
    }
  }
  // THEN there are some, and each is limited to Cognito
  expect(passRoles.map((p) => p.where).length).toBeGreaterThan(0);
  expect(passRoles.filter((p) => p.statement.Condition?.StringEquals?.['iam:PassedToService'] !== 'cognito-idp.amazonaws.com').map((p) => p.where)).toEqual([]);
});
