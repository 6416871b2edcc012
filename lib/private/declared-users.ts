import { Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Dependable, IConstruct, IDependable } from 'constructs';
import { cfnUserPoolOf, validationMessage } from './pool-facts';
import { STANDARD_ATTRIBUTES } from './user-attributes';
import { describeValue } from './validation';

/**
 * The whole-app checks of declared users (`User`, `Users`, `UserImportJob` rows) and of group
 * memberships (`User.groups`, `Users` groups, `GroupMembership`). Each construct registers what
 * it declares; the checks run at synth (`node.addValidation`), once the app is complete, against
 * the pool when it is declared in the app: its schema, sign-in mode, groups and identity
 * providers. Imported pools and unresolved tokens are skipped.
 */

/** One attribute a user sets, by its Cognito name (`given_name`, `custom:team`). */
export interface DeclaredAttribute {
  readonly name: string;
  readonly value: string;
  /** The property that sets it, e.g. `users[3].attributes.site`. */
  readonly property: string;
}

/** One user a construct creates. */
export interface DeclaredUser {
  readonly username: string;
  /** The property of the username, e.g. `username` or `users[3].username`. */
  readonly property: string;
  readonly attributes: DeclaredAttribute[];
}

/** A group named by a user or membership declaration: a group construct or a name. */
export type GroupReference = cognito.IUserPoolGroup | string;

/** One membership (group, user) a construct declares, and one group it names. */
export interface DeclaredMembership {
  readonly group: GroupReference;
  /** The property that names the group, e.g. `users[3].groups[1]` or `group`. */
  readonly groupProperty: string;
  readonly username: string;
  /**
   * Where a second owner of the membership is reported: the group's property for a user
   * (`groups[1]`), the username's for a member list (`usernames[0]`).
   */
  readonly property: string;
}

/** One identity provider a linked identity names. */
export interface DeclaredProvider {
  readonly name: string;
  readonly property: string;
}

/** What one construct declares about the users of a pool. */
export interface UserDeclarations {
  readonly pool: cognito.IUserPool;
  /** Users the construct creates (none for a `GroupMembership`). */
  readonly users?: DeclaredUser[];
  /** Whether the usernames must fit the pool's sign-in mode (AdminCreateUser checks it; import jobs do not). */
  readonly signInMode?: boolean;
  /** What users the construct makes members of what groups. */
  readonly memberships?: DeclaredMembership[];
  /** Identity providers the construct's linked identities name. */
  readonly providers?: DeclaredProvider[];
}

/** Live custom attributes (`UserPoolCustomAttributes`), by construct. */
const liveAttributes = new WeakMap<IConstruct, { pool: cognito.IUserPool; attributes: SchemaAttribute[] }>();
/** User declarations, by construct. */
const declarations = new WeakMap<IConstruct, UserDeclarations>();

/** An attribute of a pool's schema, as far as the checks need it. */
export interface SchemaAttribute {
  /** The name without the `custom:` prefix, as in the schema. */
  readonly name: string;
  /** String, Number, DateTime or Boolean. */
  readonly dataType: string;
  readonly min?: number;
  readonly max?: number;
}

/** Records the custom attributes a `UserPoolCustomAttributes` adds to its pool. */
export function registerLiveAttributes(scope: IConstruct, pool: cognito.IUserPool, attributes: SchemaAttribute[]): void {
  liveAttributes.set(scope, { pool, attributes });
}

/**
 * The custom attribute names (`custom:name`) the `UserPoolCustomAttributes` declared so far
 * add to `pool` (for an import job, which writes its CSV at construction).
 */
export function liveAttributeNames(pool: cognito.IUserPool): string[] {
  return pool.node.root.node.findAll().flatMap((c) => {
    const live = liveAttributes.get(c);
    return live && samePool(live.pool, pool) ? live.attributes.map((a) => `custom:${a.name}`) : [];
  });
}

/**
 * Registers what `scope` declares and adds the whole-app checks to it. Returns what its custom
 * resource must be created after: the groups, providers and live custom attributes of its pool
 * that it names, found when the app is synthesized (only the custom resource depends on them:
 * the construct's other resources, a role or a secret the provider reads, would close a cycle).
 */
export function declareUsers(scope: IConstruct, declared: UserDeclarations): IDependable {
  declarations.set(scope, declared);
  scope.node.addValidation({ validate: () => validate(scope, declared) });
  const named: IDependable = {};
  Dependable.implement(named, {
    get dependencyRoots() { return dependenciesOf(scope, declared); },
  });
  return named;
}

/** Same pool: the same object, or the same id (a literal, or the same token). */
function samePool(a: cognito.IUserPool, b: cognito.IUserPool): boolean {
  return a === b || a.userPoolId === b.userPoolId;
}

/** What the checks know of a pool declared in the app. */
interface PoolFacts {
  readonly path: string;
  /** Attributes by Cognito name (`email`, `custom:team`); undefined when the schema is a token. */
  readonly schema?: Map<string, SchemaAttribute>;
  /** The constructs of the live custom attributes, by Cognito name. */
  readonly liveBy: Map<string, IConstruct>;
  readonly usernameAttributes?: string[];
  readonly aliasAttributes?: string[];
  /** True only when the pool is declared case-insensitive (Cognito's default for CloudFormation is case-sensitive). */
  readonly caseInsensitive: boolean;
  /** Group constructs by literal name; undefined when one of the pool's groups has no literal name. */
  readonly groups?: Map<string, IConstruct>;
  /** Identity provider constructs by literal name; undefined when one has no literal name. */
  readonly providers?: Map<string, IConstruct>;
}

/** The default schema of the standard attributes (DescribeUserPool of a new pool). */
const STANDARD_TYPES: { [name: string]: SchemaAttribute } = {
  email_verified: { name: 'email_verified', dataType: 'Boolean' },
  phone_number_verified: { name: 'phone_number_verified', dataType: 'Boolean' },
  updated_at: { name: 'updated_at', dataType: 'Number', min: 0 },
};

function factsOf(pool: cognito.IUserPool, all: IConstruct[]): PoolFacts | undefined {
  const cfn = cfnUserPoolOf(pool);
  if (!cfn) return undefined;
  const stack = Stack.of(cfn);
  const liveBy = new Map<string, IConstruct>();
  let schema: Map<string, SchemaAttribute> | undefined = new Map();
  for (const name of STANDARD_ATTRIBUTES) schema.set(name, STANDARD_TYPES[name] ?? { name, dataType: 'String', min: 0, max: 2048 });
  const declared = Token.isUnresolved(cfn.schema) ? undefined : stack.resolve(cfn.schema) as cognito.CfnUserPool.SchemaAttributeProperty[] | undefined;
  if (Token.isUnresolved(cfn.schema)) schema = undefined;
  for (const entry of declared ?? []) {
    if (!schema || typeof entry?.name !== 'string') { schema = undefined; break; }
    const standard = STANDARD_ATTRIBUTES.includes(entry.name);
    const key = standard ? entry.name : `custom:${entry.name}`;
    const dataType = entry.attributeDataType ?? schema.get(key)?.dataType ?? 'String';
    const strings = entry.stringAttributeConstraints as cognito.CfnUserPool.StringAttributeConstraintsProperty | undefined;
    const numbers = entry.numberAttributeConstraints as cognito.CfnUserPool.NumberAttributeConstraintsProperty | undefined;
    const constraint = (value: unknown, fallback: number | undefined) => value === undefined ? fallback : Number(value);
    schema.set(key, dataType === 'String'
      ? { name: entry.name, dataType, min: constraint(strings?.minLength, 0), max: constraint(strings?.maxLength, 2048) }
      : dataType === 'Number'
        ? { name: entry.name, dataType, min: constraint(numbers?.minValue, undefined), max: constraint(numbers?.maxValue, undefined) }
        : { name: entry.name, dataType });
  }
  for (const c of all) {
    const live = liveAttributes.get(c);
    if (!live || !samePool(live.pool, pool)) continue;
    for (const a of live.attributes) {
      schema?.set(`custom:${a.name}`, a);
      liveBy.set(`custom:${a.name}`, c);
    }
  }
  const usernameConfiguration = stack.resolve(cfn.usernameConfiguration) as cognito.CfnUserPool.UsernameConfigurationProperty | undefined;
  return {
    path: pool.node.path,
    schema,
    liveBy,
    usernameAttributes: literalList(stack.resolve(cfn.usernameAttributes)),
    aliasAttributes: literalList(stack.resolve(cfn.aliasAttributes)),
    caseInsensitive: usernameConfiguration?.caseSensitive === false,
    groups: namedChildrenOf(pool, all, cognito.CfnUserPoolGroup, (g) => g.groupName),
    providers: namedChildrenOf(pool, all, cognito.CfnUserPoolIdentityProvider, (p) => p.providerName),
  };
}

function literalList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/**
 * The L1 resources of a kind (groups, identity providers) that belong to `pool`, by literal
 * name, with the construct that owns each (the L2 when there is one). Undefined when one of
 * them is named by a token or by CloudFormation: then no name can be refused.
 */
function namedChildrenOf<T extends { userPoolId: string }>(
  pool: cognito.IUserPool, all: IConstruct[], type: new (...args: any[]) => T, nameOf: (resource: T) => string | undefined,
): Map<string, IConstruct> | undefined {
  const byName = new Map<string, IConstruct>();
  for (const c of all) {
    if (!(c instanceof type) || c.userPoolId !== pool.userPoolId) continue;
    const name = nameOf(c);
    if (name === undefined || Token.isUnresolved(name)) return undefined;
    const owner = (c as unknown as IConstruct).node.scope;
    byName.set(name, owner && owner.node.defaultChild === (c as unknown) ? owner : c as unknown as IConstruct);
  }
  return byName;
}

/** A group's literal name, or undefined for a token that is not a declared group's. */
function groupName(group: GroupReference): string | undefined {
  if (typeof group === 'string') return Token.isUnresolved(group) ? undefined : group;
  const cfn = group.node.defaultChild;
  const name = cfn instanceof cognito.CfnUserPoolGroup ? cfn.groupName : group.groupName;
  return name === undefined || Token.isUnresolved(name) ? undefined : name;
}

/** A group the declaration names by its name (a string or an imported group), not by a declared group. */
function namedByString(group: GroupReference): string | undefined {
  if (typeof group !== 'string' && group.node.defaultChild instanceof cognito.CfnUserPoolGroup) return undefined;
  return groupName(group);
}

/** How a group reads in a message: its name, or its construct path. */
function describeGroup(group: GroupReference): string {
  const name = groupName(group);
  return name !== undefined ? `group ${describeValue(name)}` : `group ${(group as cognito.IUserPoolGroup).node.path}`;
}

/** A group's identity among memberships: its name, or (for a token name) its construct. */
function groupKey(group: GroupReference): string {
  return groupName(group) ?? `path:${(group as cognito.IUserPoolGroup).node.path}`;
}

/** The constructs `scope` must be created after: named groups and providers, live attributes it uses. */
function dependenciesOf(scope: IConstruct, declared: UserDeclarations): IConstruct[] {
  const all = scope.node.root.node.findAll();
  const facts = factsOf(declared.pool, all);
  if (!facts) return [];
  const found = new Set<IConstruct>();
  for (const m of declared.memberships ?? []) {
    const name = namedByString(m.group);
    const group = name === undefined ? undefined : facts.groups?.get(name);
    if (group) found.add(group);
  }
  for (const p of declared.providers ?? []) {
    const provider = facts.providers?.get(p.name);
    if (provider) found.add(provider);
  }
  for (const u of declared.users ?? []) {
    for (const a of u.attributes) {
      const live = facts.liveBy.get(a.name);
      if (live) found.add(live);
    }
  }
  // Within the stack, or on the pool's stack (which the user's stack already follows): a
  // dependency on any other stack could close a cycle.
  const stack = Stack.of(scope);
  const poolStack = Stack.of(declared.pool);
  return [...found].filter((c) => Stack.of(c) === stack || Stack.of(c) === poolStack);
}

function validate(scope: IConstruct, declared: UserDeclarations): string[] {
  const all = scope.node.root.node.findAll();
  const errors: string[] = [];
  const message = (property: string, value: unknown, allowed: string) => errors.push(validationMessage(scope, property, value, allowed));
  const facts = factsOf(declared.pool, all);
  const key = (username: string) => facts?.caseInsensitive ? username.toLowerCase() : username;

  if (facts) {
    for (const user of declared.users ?? []) {
      if (declared.signInMode) checkSignInMode(user, facts, message);
      for (const a of user.attributes) checkAttribute(a, facts, message);
    }
    checkGroups(declared, facts, all, message);
    checkProviders(declared, facts, message);
  }

  // The constructs before this one in the app each own their users and memberships: this one
  // reports what they own already (so that each conflict is reported once, by the later construct).
  const usersBefore = new Map<string, IConstruct>();
  const membershipsBefore = new Map<string, IConstruct>();
  for (const other of all) {
    if (other === scope) break;
    const theirs = declarations.get(other);
    if (!theirs || !samePool(theirs.pool, declared.pool)) continue;
    for (const u of theirs.users ?? []) if (!Token.isUnresolved(u.username)) usersBefore.set(key(u.username), other);
    for (const m of theirs.memberships ?? []) {
      if (!Token.isUnresolved(m.username)) membershipsBefore.set(`${groupKey(m.group)}\n${key(m.username)}`, other);
    }
  }
  for (const u of declared.users ?? []) {
    const other = Token.isUnresolved(u.username) ? undefined : usersBefore.get(key(u.username));
    if (other) {
      message(u.property, u.username, `a user no other construct of the app declares (${other.node.path} already declares it in the pool ${declared.pool.node.path})`);
    }
  }
  for (const m of declared.memberships ?? []) {
    const other = Token.isUnresolved(m.username) ? undefined : membershipsBefore.get(`${groupKey(m.group)}\n${key(m.username)}`);
    if (other) {
      const value = m.property === m.groupProperty ? groupName(m.group) ?? (m.group as cognito.IUserPoolGroup).node.path : m.username;
      message(m.property, value,
        `a membership no other construct of the app declares (${other.node.path} already makes ${describeValue(m.username)} a member of the ${describeGroup(m.group)})`);
    }
  }
  return errors;
}

type Report = (property: string, value: unknown, allowed: string) => void;

/** Email format as Cognito's sign-in checks read it; a loose test refuses only what is surely not an email. */
const EMAIL = /^[^@\s]+@[^@\s]+$/;
/** What surely is an email address (for pools that refuse usernames in email format). */
const EMAIL_FORMAT = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+[0-9]{4,15}$/;

/**
 * A pool that signs in with email or phone as username takes only an email address or phone
 * number as username ("Username should be an email"); a pool with an email or phone alias
 * refuses a username in that format ("Username cannot be of email format, since user pool is
 * configured for email alias").
 */
function checkSignInMode(user: DeclaredUser, facts: PoolFacts, report: Report): void {
  if (Token.isUnresolved(user.username)) return;
  const email = facts.usernameAttributes?.includes('email');
  const phone = facts.usernameAttributes?.includes('phone_number');
  if (email || phone) {
    if ((email && EMAIL.test(user.username)) || (phone && PHONE.test(user.username))) return;
    const what = email && phone ? 'an email address or an E.164 phone number' : email ? 'an email address' : 'an E.164 phone number such as +12065550100';
    return report(user.property, user.username, `${what} (the pool ${facts.path} signs in with ${email && phone ? 'email or phone' : email ? 'email' : 'phone'} as username)`);
  }
  if (facts.aliasAttributes?.includes('email') && EMAIL_FORMAT.test(user.username)) {
    report(user.property, user.username, `a username that is not an email address (the pool ${facts.path} has email as an alias; put the address in email)`);
  }
  if (facts.aliasAttributes?.includes('phone_number') && PHONE.test(user.username)) {
    report(user.property, user.username, `a username that is not a phone number (the pool ${facts.path} has the phone number as an alias; put it in phoneNumber)`);
  }
}

/** The attribute is in the pool's schema, and its value fits the attribute's type and constraints. */
function checkAttribute(attribute: DeclaredAttribute, facts: PoolFacts, report: Report): void {
  if (!facts.schema || Token.isUnresolved(attribute.value)) return;
  const schema = facts.schema.get(attribute.name);
  if (!schema) {
    const custom = [...facts.schema.keys()].filter((n) => n.startsWith('custom:'));
    return report(attribute.property, attribute.name,
      `a standard attribute or a custom attribute of the pool ${facts.path} (${custom.join(', ') || 'none declared'}); declare it in the pool's customAttributes or a UserPoolCustomAttributes`);
  }
  const value = attribute.value;
  const of = `${attribute.name} in the pool ${facts.path}`;
  switch (schema.dataType) {
    case 'String':
      if (value.length < (schema.min ?? 0) || value.length > (schema.max ?? 2048)) {
        report(attribute.property, value, `${schema.min ?? 0} to ${schema.max ?? 2048} characters (got ${value.length}), the constraints of ${of}`);
      }
      break;
    case 'Number': {
      const n = Number(value);
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) return report(attribute.property, value, `a number (${of} is a Number attribute)`);
      if ((schema.min !== undefined && n < schema.min) || (schema.max !== undefined && n > schema.max)) {
        report(attribute.property, value, `a number from ${schema.min ?? '-∞'} to ${schema.max ?? '∞'}, the constraints of ${of}`);
      }
      break;
    }
    case 'Boolean':
      if (!/^(true|false)$/i.test(value)) report(attribute.property, value, `"true" or "false" (${of} is a Boolean attribute)`);
      break;
    default:
      // DateTime: Cognito documents no format to check against.
  }
}

/** Groups named by string exist in the pool when the pool's groups are declared in the app. */
function checkGroups(declared: UserDeclarations, facts: PoolFacts, all: IConstruct[], report: Report): void {
  const checked = new Set<string>();
  for (const m of declared.memberships ?? []) {
    if (typeof m.group !== 'string' && m.group.node.defaultChild instanceof cognito.CfnUserPoolGroup) {
      // A declared group of another pool declared in the app.
      const groupPool = (m.group.node.defaultChild as cognito.CfnUserPoolGroup).userPoolId;
      const other = all.find((c) => c instanceof cognito.CfnUserPool && c.ref === groupPool && c.ref !== declared.pool.userPoolId);
      if (other && !checked.has(m.groupProperty)) {
        checked.add(m.groupProperty);
        report(m.groupProperty, m.group.node.path, `a group of the pool ${facts.path} (this group belongs to the pool ${other.node.scope?.node.path})`);
      }
      continue;
    }
    // Each missing name once, at its first use.
    const name = namedByString(m.group);
    if (name === undefined || !facts.groups || facts.groups.has(name) || checked.has(name)) continue;
    checked.add(name);
    const names = [...facts.groups.keys()].map((n) => describeValue(n));
    report(m.groupProperty, name, `a group of the pool ${facts.path} declared in the app (${names.join(', ') || 'none'}); declare it with a UserPoolGroup`);
  }
}

/** Linked identities name an identity provider the pool has, when the pool is declared in the app. */
function checkProviders(declared: UserDeclarations, facts: PoolFacts, report: Report): void {
  for (const p of declared.providers ?? []) {
    if (Token.isUnresolved(p.name) || !facts.providers || facts.providers.has(p.name)) continue;
    const names = [...facts.providers.keys()].map((n) => describeValue(n));
    report(p.property, p.name, `an identity provider of the pool ${facts.path} declared in the app (${names.join(', ') || 'none'})`);
  }
}
