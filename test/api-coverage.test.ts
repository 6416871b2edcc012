// The API coverage map must answer for every operation of the Cognito user pools API, and
// everything it names (construct, CloudFormation property, handler route, grant method) must
// exist in the library as built.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  CloudFormationCoverage, Coverage, GrantCoverage, HandlerCoverage, OPERATION_LISTS,
  loadCoverageMap, loadOperations, renderCoverageTable, replaceTable,
} from '../api-coverage/coverage';
import * as library from '../lib';
import { MODULES } from '../custom-resources/modules';

const map = loadCoverageMap();
const operations = OPERATION_LISTS.flatMap(({ file }) => loadOperations(file));
const entries = Object.entries(map).flatMap(([op, covers]) => covers.map((c): [string, Coverage] => [op, c]));
const entriesOf = <K extends Coverage['kind']>(kind: K) =>
  entries.filter((e): e is [string, Extract<Coverage, { kind: K }>] => e[1].kind === kind);

/** Resource types the custom-resource router registers. */
function registeredResourceTypes(): Set<string> {
  return new Set(MODULES.map((m) => m.resourceType));
}

/** The CloudFormation L1 classes of aws-cdk-lib's Cognito module, by resource type. */
type L1Class = new (scope: Stack, id: string, props: object) => { cfnProperties: object };
const l1ByResourceType = new Map<string, L1Class>(
  (Object.values(cognito) as unknown[])
    .filter((v): v is L1Class & { CFN_RESOURCE_TYPE_NAME: string } =>
      typeof v === 'function' && typeof (v as { CFN_RESOURCE_TYPE_NAME?: unknown }).CFN_RESOURCE_TYPE_NAME === 'string')
    .map(cls => [cls.CFN_RESOURCE_TYPE_NAME, cls]),
);

/** The property names of an L1 resource type, lower-cased. */
function propertiesOf(resourceType: string): string[] {
  const L1 = l1ByResourceType.get(resourceType)!;
  // Every property given a value so that the L1's required-property checks pass; tags are
  // parsed at construction, so they stay unset.
  const anyProps = new Proxy({}, { get: (_t, key) => (typeof key === 'string' && !/tags/i.test(key) ? 'x' : undefined) });
  const resource = new L1(new Stack(new App(), 'Probe'), 'Resource', anyProps);
  return Object.keys(resource.cfnProperties).map(k => k.toLowerCase());
}

const isExportedClass = (name: string) => typeof (library as Record<string, unknown>)[name] === 'function';

/** The cognito-idp operations a grant method gives, read from the synthesized policy. */
function operationsGrantedBy(method: string): string[] {
  const stack = new Stack(new App(), 'Stack');
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
  const pool = library.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_abc');
  const grants = library.UserPoolGrants.of(pool) as unknown as Record<string, (g: iam.IGrantable) => iam.Grant>;
  const statics = library.UserPoolGrants as unknown as Record<string, (g: iam.IGrantable) => iam.Grant>;
  (typeof grants[method] === 'function' ? grants[method].bind(grants) : statics[method])(role);
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  return policies.flatMap(p => p.Properties.PolicyDocument.Statement)
    .flatMap((s: { Action: string | string[] }) => [s.Action].flat())
    .map((a: string) => a.replace(/^cognito-idp:/, ''))
    .sort();
}

const grantMethods = [
  ...Object.getOwnPropertyNames(library.UserPoolGrants.prototype),
  ...Object.getOwnPropertyNames(library.UserPoolGrants),
].filter(name => name.startsWith('grant') && name !== 'grantActions');

describe('the coverage map', () => {
  test('answers for exactly the 140 operations of the two lists, each with at least one entry', () => {
    expect(operations).toHaveLength(140);
    expect(Object.keys(map).sort()).toEqual([...operations].sort());
    const unmapped = operations.filter(op => !(map[op]?.length > 0));
    expect(unmapped).toEqual([]);
  });

  test('marks exactly the operations AWS no longer supports as deprecated, and nothing else for them', () => {
    const deprecated = entriesOf('deprecated').map(([op]) => op).sort();
    expect(deprecated).toEqual(['AdminSetUserSettings', 'SetUserSettings']);
    expect(deprecated.map(op => map[op].length)).toEqual([1, 1]);
  });

  test('gives a public (no IAM) operation no other entry', () => {
    const shared = entriesOf('public').map(([op]) => op).filter(op => map[op].length > 1);
    expect(shared).toEqual([]);
  });
});

describe('CloudFormation entries', () => {
  test.each(entriesOf('cloudformation'))('%s: %j names a CloudFormation resource type and property that exist', (_op, c: CloudFormationCoverage) => {
    expect(l1ByResourceType.has(c.resourceType)).toBe(true);
    if (c.property) {
      expect(propertiesOf(c.resourceType)).toContain(c.property.toLowerCase());
    }
  });

  test.each(entriesOf('cloudformation'))('%s: %j names a construct the library exports', (_op, c: CloudFormationCoverage) => {
    expect(isExportedClass(c.construct)).toBe(true);
  });
});

describe('handler entries', () => {
  const registered = registeredResourceTypes();
  test.each(entriesOf('handler'))('%s: %j names a resource type the router registers', (_op, c: HandlerCoverage) => {
    expect(c.resourceType).toMatch(/^Custom::[A-Za-z0-9]+$/);
    expect(registered.has(c.resourceType)).toBe(true);
  });
});

describe('grant entries', () => {
  test.each(entriesOf('grant'))('%s: %j names a method of UserPoolGrants', (_op, c: GrantCoverage) => {
    expect(grantMethods).toContain(c.method);
  });

  test.each(grantMethods)('%s gives exactly the operations the map assigns to it', (method) => {
    const mapped = entriesOf('grant').filter(([, c]) => c.method === method).map(([op]) => op).sort();
    expect(mapped.length).toBeGreaterThan(0);
    expect(operationsGrantedBy(method)).toEqual(mapped);
  });
});

describe('the README table', () => {
  test('lists every operation by its API name', () => {
    const table = renderCoverageTable(map);
    for (const op of operations) {
      expect(table).toContain(`| ${op} |`);
    }
    expect(table).not.toContain('**not covered**');
  });

  test('is up to date (run `npm run coverage-table` after editing the map)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(replaceTable(readme, renderCoverageTable(map))).toEqual(readme);
  });
});
