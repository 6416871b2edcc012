import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { PROVISIONED_LIMIT_ACTIONS } from './private/cognito-actions';
import { CognitoProvider } from './private/provider';
import { claimSetting } from './private/single-owner';
import { fail, isUnresolved } from './private/validation';
import { A_NUMBER, anObject, checkRemovalPolicy, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** A Cognito API category whose request rate can be provisioned above its free rate. */
export class ProvisionedLimitCategory {
  /** Sign-in (InitiateAuth, RespondToAuthChallenge, ...): free rate 120 per second. */
  public static readonly USER_AUTHENTICATION = new ProvisionedLimitCategory('UserAuthentication', 120);
  /** SignUp, AdminCreateUser, ...: free rate 50 per second. */
  public static readonly USER_CREATION = new ProvisionedLimitCategory('UserCreation', 50);
  /** Federated sign-in: free rate 25 per second. */
  public static readonly USER_FEDERATION = new ProvisionedLimitCategory('UserFederation', 25);
  /** Password recovery and AdminSetUserPassword: free rate 30 per second. */
  public static readonly USER_ACCOUNT_RECOVERY = new ProvisionedLimitCategory('UserAccountRecovery', 30);
  /** AdminGetUser, GetUser, ...: free rate 120 per second. */
  public static readonly USER_READ = new ProvisionedLimitCategory('UserRead', 120);
  /** Attribute updates, group changes, enable/disable, delete: free rate 25 per second. */
  public static readonly USER_UPDATE = new ProvisionedLimitCategory('UserUpdate', 25);
  /** ListUsers, ListUsersInGroup, ...: free rate 30 per second. */
  public static readonly USER_LIST = new ProvisionedLimitCategory('UserList', 30);

  /** A category by name, with its free rate (requests per second). */
  public static of(name: string, freeRate: number): ProvisionedLimitCategory {
    return new ProvisionedLimitCategory(name, freeRate);
  }

  private constructor(
    /** The category name UpdateProvisionedLimit takes. */
    public readonly name: string,
    /** The free (default) rate, in requests per second. */
    public readonly freeRate: number,
  ) {}
}

/** Properties of a {@link ProvisionedLimit}. */
export interface ProvisionedLimitProps {
  /** The API category. */
  readonly category: ProvisionedLimitCategory;
  /**
   * The rate to provision, requests per second: a whole number from the category's free rate up
   * to the account's maximum in Service Quotas (checked by Cognito at deploy).
   */
  readonly requestsPerSecond: number;
  /**
   * What removing this construct does to the category: DESTROY puts back the free rate,
   * RETAIN leaves the provisioned rate (and its cost) as it is (set it before handing the
   * category over to another construct or stack).
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The provisioned request rate of one Cognito API category for the stack's account and Region
 * (UpdateProvisionedLimit; paid capacity above the free rate). Set again only when it changes;
 * removing the construct puts back the free rate unless `removalPolicy` is RETAIN. One per
 * category per account and Region in an app.
 */
export class ProvisionedLimit extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.ProvisionedLimit';
  /** The category. */
  public readonly category: ProvisionedLimitCategory;

  constructor(scope: Construct, id: string, props: ProvisionedLimitProps) {
    props = applyPropertyInjectors(scope, id, props, ProvisionedLimit.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { category: anObject('a ProvisionedLimitCategory (e.g. ProvisionedLimitCategory.USER_AUTHENTICATION)'), requestsPerSecond: A_NUMBER });
    checkRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    this.category = props.category;
    const rps = props.requestsPerSecond;
    if (!isUnresolved(rps) && (!Number.isInteger(rps) || rps < props.category.freeRate)) {
      fail(this, 'requestsPerSecond', rps, `a whole number of at least ${props.category.freeRate} (the free rate of ${props.category.name})`);
    }
    // The limit belongs to the account and Region. Stacks without an explicit account and Region
    // share the same unresolved values and so count as one account and Region.
    const stack = Stack.of(this);
    claimSetting(this, {
      kind: 'provisioned limit',
      setting: `the provisioned limit of ${props.category.name} in the account and Region of ${stack.node.path}`,
      key: `${props.category.name}\n${stack.account}\n${stack.region}`,
      property: 'category',
      value: props.category.name,
    });
    const others = stack.node.findAll().filter((c: IConstruct): c is ProvisionedLimit => c !== this && c instanceof ProvisionedLimit);

    const provider = CognitoProvider.of(this);
    // Provisioned limits belong to the account and Region: the actions take no resource ARN and
    // no service condition key (Service Authorization Reference), so `*`, narrowed to the
    // stack's Region. Granted with the first ProvisionedLimit of the stack, never without one.
    if (others.length === 0) {
      provider.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: PROVISIONED_LIMIT_ACTIONS.map((a) => `cognito-idp:${a}`),
        resources: ['*'],
        conditions: { StringEquals: { 'aws:RequestedRegion': Stack.of(this).region } },
      }));
      Validations.of(provider.handlerRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'GetProvisionedLimit and UpdateProvisionedLimit act on the account and Region, which have no resource ARN.',
      });
    }
    provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoProvisionedLimit',
      removalPolicy: props.removalPolicy,
      properties: { Category: props.category.name, RequestsPerSecond: rps },
    });
  }
}
