// The constructs and the handler agree on resource types: every custom resource the examples
// declare is routed by the handler, and every handler module has an example that uses it.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { MODULES } from '../custom-resources/modules';
import { buildExampleApp } from '../examples/all';

test('the examples use exactly the resource types the handler routes', () => {
  // GIVEN the whole example app
  const app = new App();
  buildExampleApp(app);
  // WHEN its stacks' custom resources are collected
  const declared = new Set<string>();
  for (const stack of app.node.children.filter(Stack.isStack)) {
    const resources = Template.fromStack(stack).toJSON().Resources as { [id: string]: { Type: string } };
    for (const r of Object.values(resources)) if (r.Type.startsWith('Custom::Cognito')) declared.add(r.Type);
  }
  // THEN both sides name the same types
  expect(declared.size).toBeGreaterThan(10);
  const routed = new Set(MODULES.map((m) => m.resourceType));
  expect([...declared].filter((t) => !routed.has(t))).toEqual([]);
  expect([...routed].filter((t) => !declared.has(t)).sort()).toEqual([]);
});
