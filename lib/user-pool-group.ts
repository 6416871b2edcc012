import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkLength, checkPattern, checkRange } from './private/validation';
import { pendingScope } from './private/pending-scope';
import { AN_IUSER_POOL, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** Cognito's GroupNameType pattern. */
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

/** Options for a {@link UserPoolGroup}: everything aws-cdk-lib's `UserPoolGroupOptions` offers. */
export interface UserPoolGroupOptions extends cognito.UserPoolGroupOptions {
}

/** Properties of a {@link UserPoolGroup}. */
export interface UserPoolGroupProps extends UserPoolGroupOptions {
  /** The user pool the group belongs to. */
  readonly userPool: cognito.IUserPoolRef;
}

/**
 * A user pool group. Extends aws-cdk-lib's `UserPoolGroup` and validates its properties at
 * synth: the name (1 to 128 printable characters, no spaces), the description (at most 2,048
 * characters) and the precedence (0 to 2,147,483,647; lower wins when a user is in several
 * groups with roles).
 *
 * @resource AWS::Cognito::UserPoolGroup
 */
export class UserPoolGroup extends cognito.UserPoolGroup {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolGroup';
  /**
   * The group's precedence, if set.
   */
  public readonly precedence?: number;

  /**
   * The IAM role users of the group receive through an identity pool, if set.
   */
  public readonly role?: iam.IRoleRef;

  constructor(scope: Construct, id: string, props: UserPoolGroupProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolGroup.PROPERTY_INJECTION_ID, cognito.UserPoolGroup.PROPERTY_INJECTION_ID);
    requireProps(pendingScope(scope, id), props, { userPool: AN_IUSER_POOL });
    // Name, description and precedence are set below, after our own validation, so that a bad
    // value gets this library's error (path, property, value, what is allowed).
    super(scope, id, { userPool: props.userPool, role: props.role });
    checkLength(this, 'groupName', props.groupName, 1, 128);
    checkPattern(this, 'groupName', props.groupName, GROUP_NAME, 'letters, marks, symbols, digits and punctuation, no spaces');
    checkLength(this, 'description', props.description, 0, 2048);
    checkRange(this, 'precedence', props.precedence, 0, 2147483647);
    const cfn = this.node.defaultChild as cognito.CfnUserPoolGroup;
    cfn.groupName = props.groupName;
    cfn.description = props.description;
    cfn.precedence = props.precedence;
    this.precedence = props.precedence;
    this.role = props.role;
  }
}
