import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CUSTOM_ATTRIBUTES_ACTIONS } from './private/cognito-actions';
import { registerLiveAttributes } from './private/declared-users';
import { CognitoProvider } from './private/provider';
import { checkLength, checkMaxItems, checkPattern, checkRange, fail } from './private/validation';
import { AN_IUSER_POOL, aListOf, checkEnumMember, requireProps } from './private/runtime-types';
import { applyPropertyInjectors } from './private/property-injection';

/** The data type of a custom attribute. */
export enum CustomAttributeDataType {
  STRING = 'String',
  NUMBER = 'Number',
  DATE_TIME = 'DateTime',
  BOOLEAN = 'Boolean',
}

/** One custom attribute to add to a live pool. */
export interface LiveCustomAttribute {
  /** The name without the `custom:` prefix: 1 to 20 characters. */
  readonly name: string;
  /**
   * The type of the attribute's values.
   * @default CustomAttributeDataType.STRING
   */
  readonly dataType?: CustomAttributeDataType;
  /**
   * Whether the value can change after a user is created.
   * @default true
   */
  readonly mutable?: boolean;
  /**
   * Smallest length of a STRING value (0 to 2048) or smallest NUMBER value.
   * @default - no constraint
   */
  readonly min?: number;
  /**
   * Largest length of a STRING value (0 to 2048) or largest NUMBER value.
   * @default - no constraint
   */
  readonly max?: number;
}

/** Options of {@link UserPoolCustomAttributes} (for a pool's `addLiveCustomAttributes`). */
export interface UserPoolCustomAttributesOptions {
  /** The attributes; at most 50 (Cognito's limit per pool). */
  readonly attributes: LiveCustomAttribute[];
}

/** Properties of {@link UserPoolCustomAttributes}. */
export interface UserPoolCustomAttributesProps extends UserPoolCustomAttributesOptions {
  /** The pool to add the attributes to. */
  readonly userPool: cognito.IUserPool;
}

/** Cognito's limit on custom attributes per pool. */
const MAX_CUSTOM_ATTRIBUTES = 50;
const NAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
/** Cognito's standard attributes: a custom attribute of the same name is silently dropped (aws-cdk #31593). */
const STANDARD_ATTRIBUTES = [
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile', 'sub', 'updated_at',
  'website', 'zoneinfo',
];

/**
 * Custom attributes added to a deployed pool without replacing it (AddCustomAttributes), where a
 * schema change through CloudFormation fails the stack. Cognito cannot remove or change a custom
 * attribute: the handler refuses such a change with a message, and the rollback succeeds.
 * Removing this construct leaves the attributes in the pool.
 */
export class UserPoolCustomAttributes extends Construct {
  /** This class's id for aws-cdk-lib's property injectors (`PropertyInjectors.of(scope).add(...)`). */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-cognito-userpools.UserPoolCustomAttributes';

  constructor(scope: Construct, id: string, props: UserPoolCustomAttributesProps) {
    props = applyPropertyInjectors(scope, id, props, UserPoolCustomAttributes.PROPERTY_INJECTION_ID);
    super(scope, id);
    requireProps(this, props, { userPool: AN_IUSER_POOL, attributes: aListOf('a list of LiveCustomAttribute') });
    props.attributes.forEach((a, i) => checkEnumMember(this, `attributes[${i}].dataType`, a.dataType, CustomAttributeDataType, 'CustomAttributeDataType'));
    checkMaxItems(this, 'attributes', props.attributes, MAX_CUSTOM_ATTRIBUTES, 1);
    const seen = new Set<string>();
    props.attributes.forEach((a, i) => {
      const at = `attributes[${i}]`;
      checkLength(this, `${at}.name`, a.name, 1, 20);
      checkPattern(this, `${at}.name`, a.name, NAME_PATTERN, 'letters, numbers, symbols and punctuation, without the custom: prefix');
      if (a.name.startsWith('custom:')) fail(this, `${at}.name`, a.name, 'a name without the custom: prefix');
      if (STANDARD_ATTRIBUTES.includes(a.name)) fail(this, `${at}.name`, a.name, 'a name that is not a standard attribute');
      if (seen.has(a.name)) fail(this, `${at}.name`, a.name, 'a name not already declared');
      seen.add(a.name);
      const type = a.dataType ?? CustomAttributeDataType.STRING;
      if ((a.min !== undefined || a.max !== undefined) && type !== CustomAttributeDataType.STRING && type !== CustomAttributeDataType.NUMBER) {
        fail(this, `${at}.min`, a.min ?? a.max, 'constraints only on STRING and NUMBER attributes');
      }
      if (type === CustomAttributeDataType.STRING) {
        checkRange(this, `${at}.min`, a.min, 0, 2048, 'characters');
        checkRange(this, `${at}.max`, a.max, 0, 2048, 'characters');
      }
      if (a.min !== undefined && a.max !== undefined && a.min > a.max) fail(this, `${at}.max`, a.max, `a value at least min (${a.min})`);
    });

    // Users declared in the app may set these attributes (and are then created after them).
    registerLiveAttributes(this, props.userPool, props.attributes.map((a) => {
      const dataType = a.dataType ?? CustomAttributeDataType.STRING;
      return dataType === CustomAttributeDataType.STRING ? { name: a.name, dataType, min: a.min ?? 0, max: a.max ?? 2048 } : { name: a.name, dataType, min: a.min, max: a.max };
    }));

    const provider = CognitoProvider.of(this);
    provider.grantCognito(props.userPool, CUSTOM_ATTRIBUTES_ACTIONS);
    provider.createResource(this, 'Resource', {
      resourceType: 'Custom::CognitoCustomAttributes',
      properties: {
        UserPoolId: props.userPool.userPoolId,
        Attributes: props.attributes.map((a) => ({
          Name: a.name,
          DataType: a.dataType ?? CustomAttributeDataType.STRING,
          Mutable: a.mutable ?? true,
          Min: a.min === undefined ? undefined : String(a.min),
          Max: a.max === undefined ? undefined : String(a.max),
        })),
      },
    });
  }
}
