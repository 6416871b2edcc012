import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addBulkUsers } from '../examples/bulk-users';
import { addSeededAdmins } from '../examples/seeded-admins';
import { ImmutableSettingsGuard, UserPool } from '../lib';
import { HANDLER_ASSET_DIR } from '../lib/private/provider';

const examples: Array<[string, (app: App) => Stack]> = [
  ['SeededAdmins', addSeededAdmins],
  ['BulkUsers', addBulkUsers],
];

describe.each(examples)('example %s', (_name, add) => {
  const template = Template.fromStack(add(new App()));
  const json = template.toJSON();

  test('two Lambda functions however many custom resources', () => {
    const customResources = Object.values(json.Resources as object).filter((r: any) => r.Type.startsWith('Custom::Cognito'));
    expect(customResources.length).toBeGreaterThan(0);
    template.resourceCountIs('AWS::Lambda::Function', 2);
  });

  test('no password value in any custom resource: passwords are secret references only', () => {
    const offending: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${where}[${i}]`));
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          const isReference = /(Arn|FromSecret)$/.test(k);
          if (/password|secret/i.test(k) && !isReference && (typeof v === 'string' || typeof v === 'number')) offending.push(`${where}.${k}`);
          walk(v, `${where}.${k}`);
        }
      }
    };
    for (const [id, r] of Object.entries(json.Resources as { [id: string]: any })) {
      if (r.Type.startsWith('Custom::Cognito')) walk(r.Properties, id);
    }
    expect(offending).toEqual([]);
  });
});

test.each(examples)('example %s with an immutable-settings guard still has two functions and no dependency cycle', (_name, add) => {
  // GIVEN the example's stack, WHEN its pool is guarded too
  const stack = add(new App());
  const userPool = stack.node.findAll().find((c): c is UserPool => c instanceof UserPool)!;
  new ImmutableSettingsGuard(stack, 'Guard', { userPool });
  // THEN the guard shares the users' provider (Template.fromStack throws on a dependency cycle)
  const template = Template.fromStack(stack);
  template.resourceCountIs('Custom::CognitoImmutableSettingsGuard', 1);
  template.resourceCountIs('AWS::Lambda::Function', 2);
});

test('the handler bundle stays within 700 KB', () => {
  const size = fs.statSync(path.join(HANDLER_ASSET_DIR, 'index.js')).size;
  expect(size).toBeLessThanOrEqual(700 * 1024);
});
