// Property paths of CloudFormation resource types, read from aws-cdk-lib's L1 typings, and the
// paths a synthesized template sets: together they prove an example covers a whole type.
import * as fs from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';

/** Every leaf property path of a CloudFormation resource, read from the L1's typings. */
export function cfnPropertyPaths(resource: string): string[] {
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
/** `freeFormMaps`: properties whose keys are data, not schema (tags, provider details). */
export function templatePaths(template: Template, type: string, freeFormMaps: readonly string[] = ['UserPoolTags']): Set<string> {
  const paths = new Set<string>();
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((item) => visit(item, path));
    const isObject = value !== null && typeof value === 'object';
    const isIntrinsic = isObject && Object.keys(value as object).some((k) => k === 'Ref' || k.startsWith('Fn::'));
    if (!isObject || isIntrinsic || freeFormMaps.includes(path)) {
      paths.add(path);
      return;
    }
    for (const [key, child] of Object.entries(value as object)) visit(child, path ? `${path}.${key}` : key);
  };
  for (const resource of Object.values(template.findResources(type))) visit(resource.Properties, '');
  return paths;
}

