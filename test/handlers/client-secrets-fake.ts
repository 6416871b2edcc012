/**
 * A stateful fake of an app client's secrets (cognito-local lacks the client-secret operations)
 * and of one Secrets Manager secret's versions, behind aws-sdk-client-mock. It follows the
 * documented behaviour: at most two secrets per client, the last one cannot be deleted, a
 * caller-supplied value is not echoed back; PutSecretValue is idempotent per
 * ClientRequestToken and moves AWSCURRENT (and AWSPREVIOUS) unless told other stages.
 *
 * Faults: `fail(operation, phase, error)` throws once, before the call takes effect or after
 * (a lost answer: the write landed); `hang(operation, phase)` never answers, as a Lambda that
 * died there.
 */
import {
  AddUserPoolClientSecretCommand, CognitoIdentityProviderClientResolvedConfig, DeleteUserPoolClientSecretCommand, ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClientResolvedConfig, UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { AwsStub } from 'aws-sdk-client-mock';

export interface FakeSecret { readonly id: string; readonly created: number; readonly value: string }
/** `empty`: a version RotateSecret started, whose value createSecret has not put yet. */
export interface FakeVersion { readonly versionId: string; value: string; stages: string[]; empty?: boolean }

type Phase = 'before' | 'after';
interface Fault {
  readonly operation: string;
  readonly phase: Phase;
  readonly when?: (input: any) => boolean;
  readonly error?: () => Error;
  readonly hang?: () => void;
}

export function awsError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

export class ClientSecretsFake {
  /** The current time in ms (the tests point Date.now at it). */
  now: number;
  /** Live secrets by `pool/client`; a missing key is a client that does not exist. */
  readonly clients = new Map<string, FakeSecret[]>();
  readonly versions: FakeVersion[] = [];
  /** DescribeSecret's RotationEnabled and LastRotatedDate (ms). */
  rotationEnabled = true;
  lastRotated?: number;
  private readonly faults: Fault[] = [];
  private seq = 0;

  constructor(now: number) {
    this.now = now;
  }

  install(cognito: AwsStub<any, any, CognitoIdentityProviderClientResolvedConfig>, sm: AwsStub<any, any, SecretsManagerClientResolvedConfig>): void {
    cognito.on(ListUserPoolClientSecretsCommand).callsFake((i) => this.run('ListUserPoolClientSecrets', i, () => ({
      ClientSecrets: this.secretsOf(i.UserPoolId, i.ClientId).map((s) => ({ ClientSecretId: s.id, ClientSecretCreateDate: new Date(s.created) })),
    })));
    cognito.on(AddUserPoolClientSecretCommand).callsFake((i) => this.run('AddUserPoolClientSecret', i, () => {
      const secrets = this.secretsOf(i.UserPoolId, i.ClientId);
      if (secrets.length >= 2) throw awsError('LimitExceededException', 400, 'The app client already has 2 client secrets');
      let id: string;
      do id = `s-${++this.seq}`; while (secrets.some((s) => s.id === id));
      const secret = { id, created: this.now, value: i.ClientSecret ?? `generated-${this.seq}-abcdefghijklmnopqrstuvwxyz` };
      secrets.push(secret);
      const descriptor = { ClientSecretId: secret.id, ClientSecretCreateDate: new Date(secret.created) };
      return { ClientSecretDescriptor: i.ClientSecret ? descriptor : { ...descriptor, ClientSecretValue: secret.value } };
    }));
    cognito.on(DeleteUserPoolClientSecretCommand).callsFake((i) => this.run('DeleteUserPoolClientSecret', i, () => {
      const secrets = this.secretsOf(i.UserPoolId, i.ClientId);
      const index = secrets.findIndex((s) => s.id === i.ClientSecretId);
      if (index < 0) throw awsError('ResourceNotFoundException', 400, `No client secret ${i.ClientSecretId}`);
      if (secrets.length === 1) throw awsError('InvalidParameterException', 400, 'Cannot delete the last client secret');
      secrets.splice(index, 1);
      return {};
    }));
    sm.on(PutSecretValueCommand).callsFake((i) => this.run('PutSecretValue', i, () => {
      const existing = this.versions.find((v) => v.versionId === i.ClientRequestToken);
      if (existing?.empty) {
        // The version RotateSecret started: the value lands under it.
        existing.value = i.SecretString;
        delete existing.empty;
        for (const stage of i.VersionStages ?? ['AWSCURRENT']) if (!existing.stages.includes(stage)) this.moveStage(stage, existing);
        return { VersionId: existing.versionId, VersionStages: existing.stages };
      }
      if (existing) {
        if (existing.value !== i.SecretString) throw awsError('ResourceExistsException', 400, 'A version with this token exists with another value');
        return { VersionId: existing.versionId, VersionStages: existing.stages };
      }
      const version: FakeVersion = { versionId: i.ClientRequestToken ?? `v-${++this.seq}`, value: i.SecretString, stages: [] };
      const stages: string[] = i.VersionStages ?? ['AWSCURRENT'];
      if (stages.includes('AWSCURRENT')) {
        const previous = this.versions.find((v) => v.stages.includes('AWSCURRENT'));
        if (previous) this.moveStage('AWSPREVIOUS', previous);
      }
      this.versions.push(version);
      for (const stage of stages) this.moveStage(stage, version);
      return { VersionId: version.versionId, VersionStages: version.stages };
    }));
    sm.on(GetSecretValueCommand).callsFake((i) => this.run('GetSecretValue', i, () => {
      const version = i.VersionId
        ? this.versions.find((v) => v.versionId === i.VersionId && (!i.VersionStage || v.stages.includes(i.VersionStage)))
        : this.versions.find((v) => v.stages.includes(i.VersionStage ?? 'AWSCURRENT'));
      if (!version || version.empty) throw awsError('ResourceNotFoundException', 400, "Secrets Manager can't find the specified secret value");
      return { VersionId: version.versionId, SecretString: version.value, VersionStages: version.stages };
    }));
  }

  /** DescribeSecret and UpdateSecretVersionStage, as a rotation uses them. */
  installRotation(sm: AwsStub<any, any, SecretsManagerClientResolvedConfig>): void {
    sm.on(DescribeSecretCommand).callsFake((i) => this.run('DescribeSecret', i, () => ({
      ARN: i.SecretId,
      RotationEnabled: this.rotationEnabled,
      LastRotatedDate: this.lastRotated === undefined ? undefined : new Date(this.lastRotated),
      VersionIdsToStages: Object.fromEntries(this.versions.filter((v) => v.stages.length > 0).map((v) => [v.versionId, [...v.stages]])),
    })));
    sm.on(UpdateSecretVersionStageCommand).callsFake((i) => this.run('UpdateSecretVersionStage', i, () => {
      const to = this.versions.find((v) => v.versionId === i.MoveToVersionId);
      if (!to) throw awsError('ResourceNotFoundException', 400, `No version ${i.MoveToVersionId}`);
      const from = this.versions.find((v) => v.stages.includes(i.VersionStage));
      if (from && from !== to && from.versionId !== i.RemoveFromVersionId) {
        throw awsError('InvalidParameterException', 400, `The parameter RemoveFromVersionId doesn't match the current version of ${i.VersionStage}`);
      }
      if (i.VersionStage === 'AWSCURRENT' && from && from !== to) this.moveStage('AWSPREVIOUS', from);
      if (!to.stages.includes(i.VersionStage)) this.moveStage(i.VersionStage, to);
      return { ARN: i.SecretId };
    }));
  }

  /** What RotateSecret does before the first step: a version for the token, labelled AWSPENDING, without a value. */
  startRotation(token: string): void {
    const version: FakeVersion = { versionId: token, value: '', stages: [], empty: true };
    this.versions.push(version);
    this.moveStage('AWSPENDING', version);
  }

  addClient(pool: string, client: string, ...secrets: Array<{ id: string; created: number }>): void {
    this.clients.set(`${pool}/${client}`, secrets.map((s) => ({ ...s, value: `value-of-${s.id}-abcdefghijklmnopqrstuvwxyz` })));
  }

  /** Live secret ids of a client, oldest first. */
  ids(pool: string, client: string): string[] {
    return [...this.secretsOf(pool, client)].sort((a, b) => a.created - b.created).map((s) => s.id);
  }

  value(pool: string, client: string, id: string): string {
    return this.secretsOf(pool, client).find((s) => s.id === id)!.value;
  }

  /** The value under a staging label, parsed. */
  staged(stage: string): any {
    const version = this.versions.find((v) => v.stages.includes(stage));
    return version && JSON.parse(version.value);
  }

  /** Every secret value this fake holds: none may appear in a log line. */
  allValues(): string[] {
    return [...this.clients.values()].flat().map((s) => s.value);
  }

  /** The next call of `operation` (that `when` accepts) fails, before or after taking effect. */
  fail(operation: string, phase: Phase, error: () => Error, when?: (input: any) => boolean): void {
    this.faults.push({ operation, phase, error, when });
  }

  /** The next call of `operation` never answers (after taking effect when phase is 'after'); resolves when it is reached. */
  hang(operation: string, phase: Phase, when?: (input: any) => boolean): Promise<void> {
    return new Promise((reached) => this.faults.push({ operation, phase, when, hang: reached }));
  }

  private run<T>(operation: string, input: any, apply: () => T): Promise<T> {
    const index = this.faults.findIndex((f) => f.operation === operation && (!f.when || f.when(input)));
    const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
    const hung = () => {
      fault!.hang!();
      return new Promise<T>(() => undefined);
    };
    if (fault?.phase === 'before') {
      if (fault.hang) return hung();
      return Promise.reject(fault.error!());
    }
    let result: T;
    try {
      result = apply();
    } catch (e) {
      return Promise.reject(e);
    }
    if (fault?.phase === 'after') {
      if (fault.hang) return hung();
      return Promise.reject(fault.error!());
    }
    return Promise.resolve(result);
  }

  private secretsOf(pool: string | undefined, client: string | undefined): FakeSecret[] {
    const secrets = this.clients.get(`${pool}/${client}`);
    if (!secrets) throw awsError('ResourceNotFoundException', 400, `User pool client ${client} does not exist.`);
    return secrets;
  }

  private moveStage(stage: string, to: FakeVersion): void {
    for (const v of this.versions) v.stages = v.stages.filter((s) => s !== stage);
    to.stages.push(stage);
  }
}
