import { CfnResource, IAspect, Names, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';

const CLIENT_TYPE = 'AWS::Cognito::UserPoolClient';
const BRANDING_TYPE = 'AWS::Cognito::ManagedLoginBranding';

/**
 * Gives every app client of a pool that has no managed-login branding a default,
 * Cognito-provided one, so a managed-login (v2) domain never shows "Login pages unavailable".
 *
 * It runs as an aspect on the domain, i.e. once the whole app is built, so clients created
 * after the domain are covered too, in any stack of the app (a client in another stack gets its
 * branding in its own stack). A client already branded by any `AWS::Cognito::ManagedLoginBranding`
 * of the app (e.g. one declared by the user) is left alone, so no client is ever branded twice. Clients that never
 * show login pages (OAuth off, or only the client-credentials grant) need no branding.
 */
export class DefaultBrandingAspect implements IAspect {
  constructor(private readonly domain: IConstruct, private readonly userPoolId: string) {}

  public visit(node: IConstruct): void {
    if (node !== this.domain) return;
    const stack = Stack.of(this.domain);
    // Within one stack, values compare resolved (as CloudFormation sees them); across stacks,
    // the same pool or client is the same token.
    const same = (a: string, b: string, inStack: boolean) => a === b
      || (inStack && JSON.stringify(stack.resolve(a)) === JSON.stringify(stack.resolve(b)));

    const resources = this.domain.node.root.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
    const brandings = resources.filter((r): r is cognito.CfnManagedLoginBranding => r.cfnResourceType === BRANDING_TYPE);

    resources
      .filter((r): r is cognito.CfnUserPoolClient => r.cfnResourceType === CLIENT_TYPE)
      .forEach((client) => {
        const inStack = Stack.of(client) === stack;
        if (!same(client.userPoolId, this.userPoolId, inStack) || !usesLoginPages(Stack.of(client), client)) return;
        if (brandings.some((b) => b.clientId !== undefined && same(b.clientId, client.ref, inStack && Stack.of(b) === stack))) return;
        // A client in another stack is branded in its own stack, next to it (the domain's
        // stack cannot reference it without depending on that stack).
        const scope = inStack ? this.domain : Stack.of(client);
        brandings.push(new cognito.CfnManagedLoginBranding(scope, `DefaultBranding${Names.nodeUniqueId(client.node)}`, {
          userPoolId: inStack ? this.userPoolId : client.userPoolId,
          clientId: client.ref,
          useCognitoProvidedValues: true,
        }));
      });
  }
}

/** True unless the client certainly never sends users to the login pages. */
function usesLoginPages(stack: Stack, client: cognito.CfnUserPoolClient): boolean {
  const enabled = stack.resolve(client.allowedOAuthFlowsUserPoolClient);
  if (enabled === false || enabled === undefined) return false;
  const flows = stack.resolve(client.allowedOAuthFlows);
  if (!Array.isArray(flows)) return true;
  return flows.some((flow) => typeof flow !== 'string' || flow === 'code' || flow === 'implicit');
}
