import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { checkLength, checkMaxItems, checkPattern, fail, isUnresolved } from './private/validation';
import { pendingScope } from './private/pending-scope';
import { A_STRING, AN_IUSER_POOL, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Cognito's ResourceServerIdentifierType pattern: printable ASCII except space, `"` and `\`. */
const IDENTIFIER = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
/** Cognito's ResourceServerNameType pattern. */
const NAME = /^[\w\s+=,.@-]+$/;
/** Cognito's ResourceServerScopeNameType pattern: as the identifier, and no `/` either. */
const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/;
/** Cognito accepts up to 100 scopes per resource server. */
const MAX_SCOPES = 100;

/** A scope's name and description. */
export interface ResourceServerScopeProps extends cognito.ResourceServerScopeProps {
}

/** A custom scope of a resource server (`<identifier>/<scopeName>` in access tokens). */
export class ResourceServerScope extends cognito.ResourceServerScope {
  constructor(props: ResourceServerScopeProps) {
    super(props);
  }
}

/** Options for a {@link UserPoolResourceServer}: everything aws-cdk-lib's options offer. */
export interface UserPoolResourceServerOptions extends cognito.UserPoolResourceServerOptions {
}

/** Properties of a {@link UserPoolResourceServer}. */
export interface UserPoolResourceServerProps extends UserPoolResourceServerOptions {
  /** The user pool the resource server belongs to. */
  readonly userPool: cognito.IUserPoolRef;
}

/**
 * A resource server (an API protected by the pool's access tokens) with its custom scopes.
 * Extends aws-cdk-lib's `UserPoolResourceServer`, validates identifier, name and scopes at
 * synth, and hands out the `OAuthScope` of each declared scope for app clients.
 *
 * Without `userPoolResourceServerName` the name is the identifier, as in aws-cdk-lib, except
 * that characters Cognito refuses in a name (an https identifier's `:` and `/`) become `-`.
 *
 * @resource AWS::Cognito::UserPoolResourceServer
 */
export class UserPoolResourceServer extends cognito.UserPoolResourceServer {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolResourceServer';
  /** The scopes this server declares. */
  public readonly scopes: cognito.ResourceServerScope[];

  constructor(scope: Construct, id: string, props: UserPoolResourceServerProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolResourceServer.PROPERTY_INJECTION_ID, cognito.UserPoolResourceServer.PROPERTY_INJECTION_ID);
    requireProps(pendingScope(scope, id), props, { userPool: AN_IUSER_POOL, identifier: A_STRING });
    super(scope, id, props);
    checkLength(this, 'identifier', props.identifier, 1, 256);
    checkPattern(this, 'identifier', props.identifier, IDENTIFIER, 'printable ASCII characters except space, " and \\');
    checkLength(this, 'userPoolResourceServerName', props.userPoolResourceServerName, 1, 256);
    checkPattern(this, 'userPoolResourceServerName', props.userPoolResourceServerName, NAME, 'letters, digits, spaces and _ + = , . @ -');
    if (props.userPoolResourceServerName === undefined && !isUnresolved(props.identifier) && !NAME.test(props.identifier)) {
      (this.node.defaultChild as cognito.CfnUserPoolResourceServer).name = props.identifier.replace(/[^\w\s+=,.@-]/g, '-');
    }
    this.scopes = props.scopes ?? [];
    checkMaxItems(this, 'scopes', this.scopes, MAX_SCOPES);
    const seen = new Set<string>();
    for (const s of this.scopes) {
      checkLength(this, 'scopes.scopeName', s.scopeName, 1, 256);
      checkPattern(this, 'scopes.scopeName', s.scopeName, SCOPE_NAME, 'printable ASCII characters except space, ", / and \\');
      checkLength(this, 'scopes.scopeDescription', s.scopeDescription, 1, 256);
      if (!isUnresolved(s.scopeName)) {
        if (seen.has(s.scopeName)) fail(this, 'scopes.scopeName', s.scopeName, 'scope names that are unique in the server');
        seen.add(s.scopeName);
      }
    }
  }

  /**
   * The OAuth scope `<identifier>/<scopeName>` for an app client's `oAuth.scopes`; the scope
   * must be one this server declares.
   */
  public oauthScope(scopeName: string): cognito.OAuthScope {
    const declared = this.scopes.find((s) => s.scopeName === scopeName);
    if (!declared) {
      fail(this, 'oauthScope', scopeName, `a scope the server declares (${this.scopes.map((s) => s.scopeName).join(', ') || 'none'})`);
    }
    return cognito.OAuthScope.resourceServer(this, declared);
  }
}
