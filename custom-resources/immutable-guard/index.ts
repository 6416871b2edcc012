/**
 * `Custom::CognitoImmutableSettingsGuard`: refuses a change Cognito cannot make on a live pool
 * before the pool is touched: the pool depends on the guard, so CloudFormation updates the guard
 * first. Guarded: the settings fixed at creation (sign-in aliases, username attributes, username
 * case sensitivity, required attributes, a custom attribute removed or changed, a standard
 * attribute's mutability, developer-only attributes, a client's generateSecret) and turning SMS
 * MFA off while MFA stays on. Turning MFA on (OFF to ON or OPTIONAL) is allowed: Cognito accepts
 * it on a live pool (UpdateUserPool, SetUserPoolMfaConfig).
 *
 * It makes no AWS call. The physical id keeps a fingerprint of the DEPLOYED settings; an update
 * whose settings match it (a no-op, or the rollback after a refusal) succeeds, so the guard never
 * leaves a stack stuck. An accepted change returns a new physical id that also keeps the
 * fingerprint of the settings it replaced, so that its rollback (an update back to them) succeeds.
 */
import { checkKnown, parseBoolean, parseObjectList, parseOptionalBoolean, parseStringList, requireString, optionalString } from '../shared/cfn-values';
import { sameValue } from '../shared/diff';
import { changedStateId, fingerprint, fingerprintOf, previousFingerprintOf } from '../shared/fingerprint';
import type { RawProperties, ResourceModule } from '../shared/types';

export const IMMUTABLE_GUARD_RESOURCE_TYPE = 'Custom::CognitoImmutableSettingsGuard';

export interface GuardedCustomAttribute {
  readonly name: string;
  readonly dataType?: string;
  readonly mutable?: boolean;
  readonly min?: string;
  readonly max?: string;
}

export interface GuardedClient {
  /** The client's construct path: stable across deployments, unlike its id. */
  readonly name: string;
  readonly generateSecret: boolean;
}

/** The settings Cognito fixes at creation. */
export interface ImmutableSettings {
  readonly aliasAttributes: string[];
  readonly usernameAttributes: string[];
  readonly caseSensitive?: boolean;
  readonly requiredAttributes: string[];
  readonly customAttributes: GuardedCustomAttribute[];
  readonly clients: GuardedClient[];
}

/**
 * Guarded since the guard became the default. An older version's properties lack them: they are
 * undefined then (unknown, not checked), so that older fingerprints still match.
 */
export interface AddedSettings {
  /** OFF, ON or OPTIONAL; always sent by this version, so it marks the others as recorded. */
  readonly mfaConfiguration?: string;
  readonly enabledMfas?: string[];
  /** Standard attributes declared `mutable: false` (Cognito's default is mutable). */
  readonly immutableStandardAttributes?: string[];
  /** Attributes declared `DeveloperOnlyAttribute` (Cognito names them `dev:...`). */
  readonly developerOnlyAttributes?: string[];
}

/** What the guard compares, and fingerprints in its physical id. */
export type GuardedState = ImmutableSettings & AddedSettings;

export interface GuardSpec {
  readonly poolName: string;
  readonly settings: ImmutableSettings;
  readonly added: AddedSettings;
  /** Where the opt-out is set, for the refusal message, e.g. `the UserPool App/Pool`. */
  readonly optOutOwner?: string;
  /** The documented opt-out: accept the change (CloudFormation will fail or replace the pool). */
  readonly allowReplacement: boolean;
}

export const immutableGuardModule: ResourceModule<GuardSpec> = {
  resourceType: IMMUTABLE_GUARD_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  async onCreate(props) {
    return { physicalId: physicalId(props) };
  },

  async onUpdate(props, oldProps, currentId, ctx) {
    const deployed = fingerprintOf(currentId);
    const next = guardedState(props);
    if (deployed === fingerprint(next)) return { physicalId: currentId };
    // Back to the settings the deployed change replaced: the rollback of that change (the pool
    // rolls back with it). Refusing it would leave the stack stuck in UPDATE_ROLLBACK_FAILED.
    if (previousFingerprintOf(currentId) === fingerprint(next)) {
      ctx.log.info(`Immutable settings of ${props.poolName}: back to those before the last accepted change (a rollback)`);
      return { physicalId: physicalId(props) };
    }
    // The guard has no live state to read but the deployed fingerprint: with unusable old
    // properties, any difference from it may be a change Cognito refuses, so it is refused (the
    // rollback, back to the deployed settings, matches the fingerprint and succeeds).
    if (oldProps === undefined && !props.allowReplacement) throw new Error(unknownPreviousRefusal(props));
    // The previous template describes what is deployed only when its fingerprint says so.
    const changes = oldProps === undefined
      ? ['unknown (the previous properties are unusable)']
      : deployed === fingerprint(guardedState(oldProps))
        ? immutableChanges(guardedState(oldProps), next)
        : ['the deployed settings differ from the previous template; compare them with the pool'];
    if (changes.length > 0) {
      if (!props.allowReplacement) throw new Error(refusal(props, changes));
      ctx.log.info(`Immutable settings of ${props.poolName} change (allowReplacement is on)`, { changes });
    }
    return { physicalId: physicalId(props, deployed) };
  },

  async onDelete() {
    // Nothing to remove.
  },
};

/** The properties added with {@link AddedSettings}, and the opt-out's owner. */
const ADDED_PROPERTIES = ['OptOutOwner', 'MfaConfiguration', 'EnabledMfas', 'ImmutableStandardAttributes', 'DeveloperOnlyAttributes'] as const;

/** Every property the construct emits; strict parsing refuses any other. */
const PROPERTIES = [
  'PoolName', 'AllowReplacement', 'AliasAttributes', 'UsernameAttributes', 'CaseSensitive',
  'RequiredAttributes', 'CustomAttributes', 'Clients', ...ADDED_PROPERTIES,
] as const;
const CUSTOM_ATTRIBUTE_PROPERTIES = ['Name', 'DataType', 'Mutable', 'Min', 'Max'] as const;
const CLIENT_PROPERTIES = ['Name', 'GenerateSecret'] as const;

function parseSpec(raw: RawProperties, strict: boolean): GuardSpec {
  checkKnown(strict, raw, PROPERTIES);
  return {
    poolName: requireString(raw, 'PoolName'),
    allowReplacement: parseBoolean('AllowReplacement', raw.AllowReplacement, false),
    settings: {
      aliasAttributes: sorted(parseStringList('AliasAttributes', raw.AliasAttributes)),
      usernameAttributes: sorted(parseStringList('UsernameAttributes', raw.UsernameAttributes)),
      caseSensitive: parseOptionalBoolean('CaseSensitive', raw.CaseSensitive),
      requiredAttributes: sorted(parseStringList('RequiredAttributes', raw.RequiredAttributes)),
      customAttributes: parseObjectList('CustomAttributes', raw.CustomAttributes).map((a, i) => {
        const where = `CustomAttributes[${i}]`;
        checkKnown(strict, a, CUSTOM_ATTRIBUTE_PROPERTIES, where);
        return {
          name: requireString(a, 'Name', where),
          dataType: optionalString(a, 'DataType', where),
          mutable: parseOptionalBoolean(`${where}.Mutable`, a.Mutable),
          min: optionalString(a, 'Min', where),
          max: optionalString(a, 'Max', where),
        };
      }).sort((a, b) => a.name.localeCompare(b.name)),
      clients: parseObjectList('Clients', raw.Clients).map((c, i) => {
        const where = `Clients[${i}]`;
        checkKnown(strict, c, CLIENT_PROPERTIES, where);
        return {
          name: requireString(c, 'Name', where),
          generateSecret: parseBoolean(`${where}.GenerateSecret`, c.GenerateSecret, false),
        };
      }).sort((a, b) => a.name.localeCompare(b.name)),
    },
    ...parseAddedProperties(raw),
  };
}

/**
 * Reads the properties added with {@link AddedSettings}, and the opt-out's owner. Kept apart from
 * `parse` so that an older version's properties (without them) parse as before.
 */
export function parseAddedProperties(raw: RawProperties): { added: AddedSettings; optOutOwner?: string } {
  const optOutOwner = optionalString(raw, 'OptOutOwner');
  const mfaConfiguration = optionalString(raw, 'MfaConfiguration');
  // Without it the properties come from an older version: the others were not recorded either.
  if (mfaConfiguration === undefined) return { added: {}, optOutOwner };
  return {
    optOutOwner,
    added: {
      mfaConfiguration,
      enabledMfas: sorted(parseStringList('EnabledMfas', raw.EnabledMfas)),
      immutableStandardAttributes: sorted(parseStringList('ImmutableStandardAttributes', raw.ImmutableStandardAttributes)),
      developerOnlyAttributes: sorted(parseStringList('DeveloperOnlyAttributes', raw.DeveloperOnlyAttributes)),
    },
  };
}

/** The compared state; the added settings are undefined (left out of the fingerprint) for older properties. */
export function guardedState(spec: GuardSpec): GuardedState {
  return { ...spec.settings, ...spec.added };
}

/**
 * Every change Cognito would refuse on a live pool, each naming the property and the old and new
 * value. Adding a custom attribute or a client is fine; so is turning MFA on.
 */
export function immutableChanges(prev: GuardedState, next: GuardedState): string[] {
  const changes: string[] = [];
  const list = (label: string, a: string[], b: string[]) => {
    if (!sameValue(a, b)) changes.push(`${label}: ${listText(a)} → ${listText(b)}`);
  };
  list('sign-in aliases (AliasAttributes)', prev.aliasAttributes, next.aliasAttributes);
  list('username attributes (UsernameAttributes)', prev.usernameAttributes, next.usernameAttributes);
  // Left out, usernames are case sensitive (Cognito's default): the same setting as true.
  if ((prev.caseSensitive ?? true) !== (next.caseSensitive ?? true)) {
    changes.push('username case sensitivity (UsernameConfiguration.CaseSensitive): '
      + `${String(prev.caseSensitive ?? true)} → ${String(next.caseSensitive ?? true)}`);
  }
  list('required attributes (Schema Required)', prev.requiredAttributes, next.requiredAttributes);
  const nextCustom = new Map(next.customAttributes.map((a) => [a.name, a]));
  for (const a of prev.customAttributes) {
    const now = nextCustom.get(a.name);
    if (!now) changes.push(`custom attribute ${a.name} (Schema): ${attributeText(a)} → removed (Cognito never deletes a custom attribute)`);
    else if (!sameValue(a, now)) changes.push(`custom attribute ${a.name} (Schema): ${attributeText(a)} → ${attributeText(now)}`);
  }
  // Undefined before: recorded by an older version, unknown.
  if (prev.immutableStandardAttributes && next.immutableStandardAttributes) {
    list('immutable standard attributes (Schema Mutable false)', prev.immutableStandardAttributes, next.immutableStandardAttributes);
  }
  if (prev.developerOnlyAttributes && next.developerOnlyAttributes) {
    list('developer-only attributes (Schema DeveloperOnlyAttribute)', prev.developerOnlyAttributes, next.developerOnlyAttributes);
  }
  const smsOff = prev.enabledMfas?.includes('SMS_MFA') && next.enabledMfas && !next.enabledMfas.includes('SMS_MFA');
  if (smsOff && next.mfaConfiguration !== 'OFF') {
    changes.push(`SMS MFA (EnabledMfas): ${listText(prev.enabledMfas!)} → ${listText(next.enabledMfas!)} with MfaConfiguration `
      + `${next.mfaConfiguration}: Cognito turns SMS MFA off only together with MFA; deploy MfaConfiguration OFF first, `
      + 'then the new factors');
  }
  const nextClients = new Map(next.clients.map((c) => [c.name, c]));
  for (const c of prev.clients) {
    const now = nextClients.get(c.name);
    if (now && now.generateSecret !== c.generateSecret) {
      changes.push(`client ${c.name} generateSecret: ${c.generateSecret} → ${now.generateSecret} (CloudFormation replaces the client: a new id and secret)`);
    }
  }
  return changes;
}

function refusal(props: GuardSpec, changes: string[]): string {
  const owner = props.optOutOwner ?? 'the guard';
  return `Refused before the user pool ${props.poolName} was touched: Cognito cannot make these changes on a live pool: `
    + `${changes.join('; ')}. CloudFormation would fail the update or replace the pool with an empty one (its users `
    + 'staying behind in the old pool, outside the stack). Put the settings back, or declare a new pool next to this one '
    + '(another construct id) and move the users to it with a UserPoolMigration (see "Changing an immutable setting" in the '
    + 'README of cdk-cognito-userpools); only if replacing this pool and losing its users is intended, '
    + `set allowReplacement: true on ${owner} for that one deployment.`;
}

function listText(values: string[]): string {
  return `[${values.join(', ')}]`;
}

function attributeText(a: GuardedCustomAttribute): string {
  const parts = [a.dataType ?? 'String'];
  if (a.mutable !== undefined) parts.push(a.mutable ? 'mutable' : 'immutable');
  if (a.min !== undefined) parts.push(`min ${a.min}`);
  if (a.max !== undefined) parts.push(`max ${a.max}`);
  return parts.join(' ');
}

function unknownPreviousRefusal(props: GuardSpec): string {
  return `Refused before the user pool ${props.poolName} was touched: the guard's previous properties are unusable, so it cannot `
    + 'tell whether a setting Cognito cannot change on a live pool changed (sign-in aliases, username attributes, case sensitivity, '
    + 'required attributes, custom and standard attributes, SMS MFA, client secrets). Deploy once with these settings as they are '
    + `deployed, then make the change; set allowReplacement: true on ${props.optOutOwner ?? 'the guard'} only if replacing the pool `
    + 'and losing its users is intended.';
}

function physicalId(props: GuardSpec, previous?: string): string {
  return changedStateId(`immutable-settings/${props.poolName}`, fingerprint(guardedState(props)), previous);
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}
