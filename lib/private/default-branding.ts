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
 * after the domain are covered too. Only clients in the domain's stack can be seen; a client
 * already branded by any `AWS::Cognito::ManagedLoginBranding` in that stack (e.g. one
 * declared by the user) is left alone, so no client is ever branded twice. Clients that never
 * show login pages (OAuth off, or only the client-credentials grant) need no branding.
 */
export class DefaultBrandingAspect implements IAspect {
  constructor(private readonly domain: IConstruct, private readonly userPoolId: string) {}

  public visit(node: IConstruct): void {
    if (node !== this.domain) return;
    const stack = Stack.of(this.domain);
    const key = (value: unknown) => JSON.stringify(stack.resolve(value));
    const poolKey = key(this.userPoolId);

    const resources = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
    const branded = new Set(resources
      .filter((r) => r.cfnResourceType === BRANDING_TYPE)
      .map((r) => key((r as cognito.CfnManagedLoginBranding).clientId)));

    resources
      .filter((r) => r.cfnResourceType === CLIENT_TYPE && key((r as cognito.CfnUserPoolClient).userPoolId) === poolKey)
      .filter((client) => usesLoginPages(stack, client as cognito.CfnUserPoolClient) && !branded.has(key(client.ref)))
      .forEach((client) => {
        new cognito.CfnManagedLoginBranding(this.domain, `DefaultBranding${Names.nodeUniqueId(client.node)}`, {
          userPoolId: this.userPoolId,
          clientId: client.ref,
          useCognitoProvidedValues: true,
        });
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
