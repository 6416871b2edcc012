/**
 * The Cognito client factory and the wrapper every module calls Cognito through.
 *
 * The endpoint comes from the standard `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` /
 * `AWS_ENDPOINT_URL` variables, which SDK v3 reads itself, so the same bundle runs against
 * AWS or a local emulator.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CommandIO, GetOutputType } from '@smithy/types';
import { RateBudget, QuotaCategory } from './rate-budget';
import { RetryOptions, withRetry } from './retry';

export function createCognitoClient(): CognitoIdentityProviderClient {
  // The SDK's own retry is off: withRetry owns retrying so that every attempt spends budget.
  return new CognitoIdentityProviderClient({ maxAttempts: 1 });
}

export class CognitoApi {
  constructor(
    readonly client: CognitoIdentityProviderClient,
    private readonly budget: RateBudget,
    private readonly retry: RetryOptions,
  ) {}

  /**
   * Sends one command within the budget of its quota category, retrying throttling and 5xx.
   * @param category the Cognito quota category the operation counts against
   */
  async send<C extends CommandIO<any, any>>(category: QuotaCategory, command: C): Promise<GetOutputType<C>> {
    const operation = operationName(command);
    return withRetry(operation, async () => {
      await this.budget.take(category);
      return this.client.send(command as any) as Promise<GetOutputType<C>>;
    }, this.retry);
  }

  /**
   * Sends a write that must not be repeated once it took effect (e.g. one that adds something
   * new each time). Before each retry, `landed` checks whether an earlier attempt took effect
   * although its answer was lost (a 500 or a dropped connection after the write), and its result
   * (when not undefined) is returned instead of sending the write again.
   */
  async sendChecked<C extends CommandIO<any, any>>(
    category: QuotaCategory,
    command: C,
    landed: () => Promise<GetOutputType<C> | undefined>,
  ): Promise<GetOutputType<C>> {
    const operation = operationName(command);
    let attempted = false;
    return withRetry(operation, async () => {
      if (attempted) {
        const earlier = await landed();
        if (earlier !== undefined) return earlier;
      }
      attempted = true;
      await this.budget.take(category);
      return this.client.send(command as any) as Promise<GetOutputType<C>>;
    }, this.retry);
  }
}

/**
 * The operation a command calls, for messages: `AdminCreateUser`. Read from the command's
 * operation schema (`[kind, namespace, name, ...]` in the pinned SDK) because the minified
 * bundle renames classes; a test pins this down.
 */
export function operationName(command: object): string {
  const schema = (command as { schema?: unknown }).schema;
  if (Array.isArray(schema) && typeof schema[2] === 'string') return schema[2];
  return command.constructor.name.replace(/Command$/, '');
}

/** True when the error says the thing addressed does not exist (deletes treat it as done). */
export function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'UserNotFoundException' || name === 'ResourceNotFoundException';
}
