// The examples together must set every property path of AWS::Cognito::UserPool, except the
// ones AWS marks deprecated. The paths come from aws-cdk-lib's own L1 typings (CfnUserPoolProps
// and the CfnUserPool property types), so a new CloudFormation property fails this test.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addFullPool } from '../examples/full-pool';
import { addMinimalPool } from '../examples/minimal-pool';

/** Deprecated by AWS, each with its replacement (listed in the README too). */
const DEPRECATED_USER_POOL_PATHS: { [path: string]: string } = {
  'EmailVerificationMessage': 'VerificationMessageTemplate.EmailMessage',
  'EmailVerificationSubject': 'VerificationMessageTemplate.EmailSubject',
  'SmsVerificationMessage': 'VerificationMessageTemplate.SmsMessage',
  'AdminCreateUserConfig.UnusedAccountValidityDays': 'Policies.PasswordPolicy.TemporaryPasswordValidityDays',
  'LambdaConfig.PreTokenGeneration': 'LambdaConfig.PreTokenGenerationConfig.LambdaArn',
};

/** Every leaf property path of a CloudFormation resource, read from the L1's typings. */
function cfnPropertyPaths(resource: string): string[] {
  const moduleDir = path.dirname(require.resolve('aws-cdk-lib/aws-cognito'));
  const typings = fs.readFileSync(path.join(moduleDir, 'lib', 'cognito.generated.d.ts'), 'utf8');
  const propsBody = typings.match(new RegExp(`export interface Cfn${resource}Props \\{([\\s\\S]*?)\\n\\}`))![1];
  const namespace = typings.match(new RegExp(`export declare namespace Cfn${resource} \\{([\\s\\S]*?)\\n\\}`))![1];
  const types = new Map<string, string>();
  for (const m of namespace.matchAll(/\n {4}interface (\w+) \{([\s\S]*?)\n {4}\}/g)) types.set(m[1], m[2]);

  const walk = (body: string, prefix: string): string[] => [...body.matchAll(/readonly (\w+)\??: ([^;]+);/g)]
    .flatMap(([, name, type]) => {
      const propertyPath = prefix + name.charAt(0).toUpperCase() + name.slice(1);
      const nested = type.match(new RegExp(`Cfn${resource}\\.(\\w+Property)`));
      return nested && types.has(nested[1]) ? walk(types.get(nested[1])!, `${propertyPath}.`) : [propertyPath];
    });
  return walk(propsBody, '');
}

/** Leaf paths present in a template's resources of one type (array items share their path). */
function templatePaths(template: Template, type: string): Set<string> {
  const paths = new Set<string>();
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((item) => visit(item, path));
    const isObject = value !== null && typeof value === 'object';
    const isIntrinsic = isObject && Object.keys(value as object).some((k) => k === 'Ref' || k.startsWith('Fn::'));
    if (!isObject || isIntrinsic || path === 'UserPoolTags') {
      paths.add(path);
      return;
    }
    for (const [key, child] of Object.entries(value as object)) visit(child, path ? `${path}.${key}` : key);
  };
  for (const resource of Object.values(template.findResources(type))) visit(resource.Properties, '');
  return paths;
}

test('the example pools set every non-deprecated AWS::Cognito::UserPool property path', () => {
  // GIVEN
  const app = new App();
  const stacks = [addMinimalPool(app), addFullPool(app)];
  // WHEN
  const present = new Set(stacks.flatMap((s) => [...templatePaths(Template.fromStack(s), 'AWS::Cognito::UserPool')])
    .map((p) => p.toLowerCase()));
  // THEN (CloudFormation capitalizes some names differently from the L1, e.g. KMSKeyID)
  const expected = cfnPropertyPaths('UserPool').filter((p) => !(p in DEPRECATED_USER_POOL_PATHS));
  expect(expected).toEqual(expect.arrayContaining(['SmsConfiguration.EumsSms.InTemplateId', 'LambdaConfig.InboundFederation.LambdaVersion', 'Schema.DeveloperOnlyAttribute']));
  expect(expected.filter((p) => !present.has(p.toLowerCase()))).toEqual([]);
});

test('every deprecated path listed is a real path of the L1', () => {
  const all = cfnPropertyPaths('UserPool');
  expect(Object.keys(DEPRECATED_USER_POOL_PATHS).filter((p) => !all.includes(p))).toEqual([]);
  expect(Object.values(DEPRECATED_USER_POOL_PATHS).filter((p) => !all.includes(p))).toEqual([]);
});

test('the full pool stack exposes its pool for the other examples', () => {
  const stack = addFullPool(new App());
  expect(stack.pool.node.path).toBe('FullPool/Pool');
});
