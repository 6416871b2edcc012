// Every user the examples declare would be accepted by its pool: each attribute a
// Custom::CognitoUser or Custom::CognitoUsers resource sets is in the schema of the pool it
// names (a standard attribute, one of the pool's Schema, or one a Custom::CognitoCustomAttributes
// of the same pool adds). Cognito rejects any other ("Attributes did not conform to the schema").
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildExampleApp } from '../examples/all';

/** Cognito's standard attributes (its documentation's list), which every pool has. */
const STANDARD = [
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
];

interface Resource {
  readonly Type: string;
  readonly Properties?: { [key: string]: any };
}

/** The attribute names a pool accepts, by the pool's logical id in the template. */
function poolSchemas(resources: { [id: string]: Resource }): Map<string, Set<string>> {
  const schemas = new Map<string, Set<string>>();
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::Cognito::UserPool') continue;
    const names = (r.Properties?.Schema ?? []).map((a: { Name: string }) => STANDARD.includes(a.Name) ? a.Name : `custom:${a.Name}`);
    schemas.set(id, new Set([...STANDARD, ...names]));
  }
  for (const r of Object.values(resources)) {
    if (r.Type !== 'Custom::CognitoCustomAttributes') continue;
    const schema = schemas.get(r.Properties?.UserPoolId?.Ref);
    for (const a of r.Properties?.Attributes ?? []) schema?.add(`custom:${a.Name}`);
  }
  return schemas;
}

/** "<stack>/<logical id>: <attribute> (<n> users)" for every attribute its pool does not have. */
function attributesOutsideSchemas(stacks: Stack[]): { users: number; outside: string[] } {
  let users = 0;
  const outside = new Map<string, number>();
  const add = (what: string) => outside.set(what, (outside.get(what) ?? 0) + 1);
  for (const stack of stacks) {
    const resources = Template.fromStack(stack).toJSON().Resources as { [id: string]: Resource };
    const schemas = poolSchemas(resources);
    for (const [id, r] of Object.entries(resources)) {
      const declared: Array<{ Username: string; Attributes?: { [name: string]: string } }> =
        r.Type === 'Custom::CognitoUser' ? [r.Properties as any] : r.Type === 'Custom::CognitoUsers' ? r.Properties!.Users : [];
      for (const user of declared) {
        users++;
        const schema = schemas.get(r.Properties!.UserPoolId?.Ref);
        if (!schema) {
          add(`${stack.stackName}/${id}: a pool not declared in the stack`);
          continue;
        }
        for (const name of Object.keys(user.Attributes ?? {})) {
          if (!schema.has(name)) add(`${stack.stackName}/${id}: ${name}`);
        }
      }
    }
  }
  return { users, outside: [...outside].map(([what, n]) => `${what} (${n} users)`) };
}

test('every declared user of the examples has only attributes of its pool\'s schema', () => {
  // GIVEN the whole example app
  const app = new App();
  buildExampleApp(app);
  // WHEN every user's attributes are looked up in its pool's schema
  const { users, outside } = attributesOutsideSchemas(app.node.children.filter(Stack.isStack));
  // THEN the examples declare users (SeededAdmins' four, BulkUsers' 502, UserPoolBackup's restored disabled one) and none has an attribute its pool lacks
  expect(users).toBe(507);
  expect(outside).toEqual([]);
});
