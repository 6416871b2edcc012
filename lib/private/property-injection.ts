import { PropertyInjectors } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/**
 * Applies the property injectors registered (with `PropertyInjectors.of(scope).add(...)`) for
 * the given construct unique ids, in order, to the props of a construct about to be created
 * with `(scope, id, props)`, and returns the props to build it from.
 *
 * The lookup is aws-cdk-lib's own: for each unique id, the nearest scope (the construct's
 * parent, then its parent, up to the app) that holds an injector for that id. It is done here,
 * explicitly in each constructor, rather than with aws-cdk-lib's `@propertyInjectable` decorator,
 * because the decorator wraps the class in an anonymous subclass (not something jsii can
 * describe to other languages) and, on a class that extends one of aws-cdk-lib's, would apply
 * aws-cdk-lib's id only after this library's checks and defaults ran.
 */
export function applyPropertyInjectors<T>(scope: Construct, id: string, props: T, ...uniqueIds: string[]): T {
  let result = props;
  for (const uniqueId of uniqueIds) {
    const injector = findInjector(scope, uniqueId);
    if (injector) result = injector.inject(result, { scope, id });
  }
  return result;
}

function findInjector(scope: IConstruct, uniqueId: string) {
  for (let current: IConstruct | undefined = scope; current; current = current.node.scope) {
    if (!PropertyInjectors.hasPropertyInjectors(current)) continue;
    const injector = PropertyInjectors.of(current).for(uniqueId);
    if (injector) return injector;
  }
  return undefined;
}
