/**
 * `Custom::CognitoImmutableSettingsGuard`: refuses a change to a setting Cognito cannot change
 * after creation (sign-in aliases, username attributes, username case sensitivity, required
 * attributes, custom attribute removal or change, a client's generateSecret) before the pool is
 * touched: the pool depends on the guard, so CloudFormation updates the guard first.
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

export interface GuardSpec {
  readonly poolName: string;
  readonly settings: ImmutableSettings;
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
    if (deployed === fingerprint(props.settings)) return { physicalId: currentId };
    // Back to the settings the deployed change replaced: the rollback of that change (the pool
    // rolls back with it). Refusing it would leave the stack stuck in UPDATE_ROLLBACK_FAILED.
    if (previousFingerprintOf(currentId) === fingerprint(props.settings)) {
      ctx.log.info(`Immutable settings of ${props.poolName}: back to those before the last accepted change (a rollback)`);
      return { physicalId: physicalId(props) };
    }
    // The guard has no live state to read but the deployed fingerprint: with unusable old
    // properties, any difference from it may be a change Cognito refuses, so it is refused (the
    // rollback, back to the deployed settings, matches the fingerprint and succeeds).
    if (oldProps === undefined && !props.allowReplacement) throw new Error(unknownPreviousRefusal(props.poolName));
    // The previous template describes what is deployed only when its fingerprint says so.
    const changes = oldProps === undefined
      ? ['unknown (the previous properties are unusable)']
      : deployed === fingerprint(oldProps.settings)
        ? immutableChanges(oldProps.settings, props.settings)
        : ['the deployed settings differ from the previous template; compare them with the pool'];
    if (changes.length > 0) {
      if (!props.allowReplacement) throw new Error(refusal(props.poolName, changes));
      ctx.log.info(`Immutable settings of ${props.poolName} change (allowReplacement is on)`, { changes });
    }
    return { physicalId: physicalId(props, deployed) };
  },

  async onDelete() {
    // Nothing to remove.
  },
};

/** Every property the construct emits; strict parsing refuses any other. */
const PROPERTIES = [
  'PoolName', 'AllowReplacement', 'AliasAttributes', 'UsernameAttributes', 'CaseSensitive',
  'RequiredAttributes', 'CustomAttributes', 'Clients',
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
  };
}

/** Every change Cognito would refuse; additions of custom attributes and clients are fine. */
export function immutableChanges(prev: ImmutableSettings, next: ImmutableSettings): string[] {
  const changes: string[] = [];
  const list = (label: string, a: string[], b: string[]) => {
    if (!sameValue(a, b)) changes.push(`${label}: [${a.join(', ')}] → [${b.join(', ')}]`);
  };
  list('sign-in aliases (AliasAttributes)', prev.aliasAttributes, next.aliasAttributes);
  list('username attributes (UsernameAttributes)', prev.usernameAttributes, next.usernameAttributes);
  if (prev.caseSensitive !== next.caseSensitive) {
    changes.push(`username case sensitivity: ${String(prev.caseSensitive ?? 'default')} → ${String(next.caseSensitive ?? 'default')}`);
  }
  list('required attributes', prev.requiredAttributes, next.requiredAttributes);
  const nextCustom = new Map(next.customAttributes.map((a) => [a.name, a]));
  for (const a of prev.customAttributes) {
    const now = nextCustom.get(a.name);
    if (!now) changes.push(`custom attribute ${a.name} removed`);
    else if (!sameValue(a, now)) changes.push(`custom attribute ${a.name} changed`);
  }
  const nextClients = new Map(next.clients.map((c) => [c.name, c]));
  for (const c of prev.clients) {
    const now = nextClients.get(c.name);
    if (now && now.generateSecret !== c.generateSecret) {
      changes.push(`client ${c.name} generateSecret: ${c.generateSecret} → ${now.generateSecret}`);
    }
  }
  return changes;
}

function refusal(poolName: string, changes: string[]): string {
  return `Refused before the user pool ${poolName} was touched: Cognito cannot change these settings after creation: `
    + `${changes.join('; ')}. Put them back, or create a new pool (another construct id) and migrate the users; `
    + 'set allowReplacement: true on the guard only if replacing the pool and losing its users is intended.';
}

function unknownPreviousRefusal(poolName: string): string {
  return `Refused before the user pool ${poolName} was touched: the guard's previous properties are unusable, so it cannot `
    + 'tell whether a setting Cognito fixes at creation changed (sign-in aliases, username attributes, case sensitivity, '
    + 'required attributes, custom attributes, client secrets). Deploy once with these settings as they are deployed, '
    + 'then make the change; set allowReplacement: true on the guard only if replacing the pool and losing its users is intended.';
}

function physicalId(props: GuardSpec, previous?: string): string {
  return changedStateId(`immutable-settings/${props.poolName}`, fingerprint(props.settings), previous);
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}
