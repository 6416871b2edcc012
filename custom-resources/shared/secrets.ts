/**
 * Secrets Manager access for the handlers. Values read here are registered with the logger
 * so that they are redacted from anything logged afterwards.
 */
import {
  DescribeSecretCommand, DescribeSecretCommandOutput, GetSecretValueCommand, PutSecretValueCommand, PutSecretValueCommandInput,
  PutSecretValueCommandOutput, SecretsManagerClient, UpdateSecretVersionStageCommand, UpdateSecretVersionStageCommandInput,
} from '@aws-sdk/client-secrets-manager';
import type { Logger } from './log';
import type { RateBudget } from './rate-budget';
import { RetryOptions, withRetry } from './retry';

/** A reference to a secret value: the secret's ARN and, for JSON secrets, the key to read. */
export interface SecretRef {
  readonly secretArn: string;
  readonly jsonKey?: string;
}

/** A version of a secret as read by {@link SecretsApi.readVersion}. */
export interface SecretVersion {
  readonly versionId: string;
  readonly value: string;
}

export function createSecretsClient(): SecretsManagerClient {
  return new SecretsManagerClient({ maxAttempts: 1 });
}

export class SecretsApi {
  private readonly cache = new Map<string, string>();

  constructor(
    readonly client: SecretsManagerClient,
    private readonly budget: RateBudget,
    private readonly retry: RetryOptions,
    private readonly log: Logger,
  ) {}

  /** The secret string (or one key of a JSON secret); read once per invocation. */
  async read(ref: SecretRef): Promise<string> {
    const raw = await this.readRaw(ref.secretArn);
    if (ref.jsonKey === undefined) return raw;
    const value = this.parseJson(ref.secretArn)[ref.jsonKey];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`Secret ${ref.secretArn} has no string value under the JSON key "${ref.jsonKey}"`);
    }
    this.log.addSecret(value);
    return value;
  }

  /** All string values of a JSON secret, by key. */
  async readJson(secretArn: string): Promise<{ [key: string]: string }> {
    await this.readRaw(secretArn);
    const parsed = this.parseJson(secretArn);
    const out: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v === 'string') {
        out[k] = v;
        this.log.addSecret(v);
      }
    }
    return out;
  }

  /**
   * One version of a secret, by staging label or version id, or undefined when no version has
   * it. Not cached: labels move. The value is registered for redaction.
   */
  async readVersion(secretArn: string, version: { stage?: string; versionId?: string }): Promise<SecretVersion | undefined> {
    try {
      const res = await withRetry('GetSecretValue', async () => {
        await this.budget.take('SecretsManager');
        return this.client.send(new GetSecretValueCommand({ SecretId: secretArn, VersionStage: version.stage, VersionId: version.versionId }));
      }, this.retry);
      if (typeof res.SecretString !== 'string' || !res.VersionId) return undefined;
      this.log.addSecret(res.SecretString);
      return { versionId: res.VersionId, value: res.SecretString };
    } catch (error) {
      if ((error as { name?: string })?.name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  }

  /**
   * Writes a new version of a secret, retried like every call. The token makes a repeated write
   * (a retry after a lost answer, a re-invoked request) a no-op instead of a second version.
   */
  async put(input: PutSecretValueCommandInput & { readonly ClientRequestToken: string }): Promise<PutSecretValueCommandOutput> {
    if (input.SecretString !== undefined) this.log.addSecret(input.SecretString);
    return withRetry('PutSecretValue', async () => {
      await this.budget.take('SecretsManager');
      return this.client.send(new PutSecretValueCommand(input));
    }, this.retry);
  }

  /** The secret's metadata: its versions' staging labels, rotation state, last rotation. */
  async describe(secretArn: string): Promise<DescribeSecretCommandOutput> {
    return withRetry('DescribeSecret', async () => {
      await this.budget.take('SecretsManager');
      return this.client.send(new DescribeSecretCommand({ SecretId: secretArn }));
    }, this.retry);
  }

  /** Moves a staging label (rotation's finishSecret step). */
  async updateStage(input: UpdateSecretVersionStageCommandInput): Promise<void> {
    await withRetry('UpdateSecretVersionStage', async () => {
      await this.budget.take('SecretsManager');
      return this.client.send(new UpdateSecretVersionStageCommand(input));
    }, this.retry);
  }

  private async readRaw(secretArn: string): Promise<string> {
    const cached = this.cache.get(secretArn);
    if (cached !== undefined) return cached;
    const res = await withRetry('GetSecretValue', async () => {
      await this.budget.take('SecretsManager');
      return this.client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    }, this.retry);
    if (typeof res.SecretString !== 'string') throw new Error(`Secret ${secretArn} has no SecretString`);
    this.log.addSecret(res.SecretString);
    this.cache.set(secretArn, res.SecretString);
    return res.SecretString;
  }

  private parseJson(secretArn: string): { [key: string]: unknown } {
    try {
      const parsed = JSON.parse(this.cache.get(secretArn)!);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // fall through: the value itself must never appear in the error
    }
    throw new Error(`Secret ${secretArn} is not a JSON object`);
  }
}
