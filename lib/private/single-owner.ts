import { IConstruct } from 'constructs';
import { fail } from './validation';

/** The settings each construct claimed, by construct (so a new app starts with none). */
const claims = new WeakMap<IConstruct, SettingClaim[]>();

/** What one construct writes: a Cognito setting, and what identifies its target. */
export interface SettingClaim {
  /** The kind of setting, e.g. `pool session configuration`. */
  readonly kind: string;
  /** Identifies the target: equal keys are the same pool, client or account and Region. */
  readonly key: string;
  /** The setting, as it reads in an error, e.g. `the session configuration of the pool Stack/Pool`. */
  readonly setting: string;
  /** The property that names the target, and the value to report. */
  readonly property: string;
  readonly value: unknown;
}

/**
 * Makes `scope` the one writer of a Cognito setting within the app. Two writers of one
 * setting overwrite each other, and removing one resets what the other still declares; so a
 * second construct anywhere in the app (any stack, any stage) claiming the same setting is
 * refused, naming both construct paths. Writers in another app cannot be seen at synth.
 */
export function claimSetting(scope: IConstruct, claim: SettingClaim): void {
  for (const other of scope.node.root.node.findAll()) {
    const same = other !== scope && claims.get(other)?.find((c) => c.kind === claim.kind && c.key === claim.key);
    if (same) {
      fail(scope, claim.property, claim.value,
        `a setting no other construct of the app declares (${other.node.path} already declares ${same.setting})`);
    }
  }
  claims.set(scope, [...claims.get(scope) ?? [], claim]);
}
