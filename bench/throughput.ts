/**
 * Bulk throughput: 1,000 users created by one `Custom::CognitoUsers` Create through the
 * bundled handler, against the emulator behind a proxy that throttles the UserCreation
 * operations above Cognito's default 50 requests a second.
 */
import { CreateUserPoolCommand, ListUsersCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DEFAULT_STACK_QUOTA_SHARE } from '../lib/private/quota';
import { startCognitoLocal, testCognitoClient, useLocalEndpoints } from '../test/emulator/emulator';
import { startCountingProxy } from './counting-proxy';
import { bundledHandler, createEvent, declaredUsers, invoke } from './handler-harness';
import { Figure, verdict } from './stats';

/** Cognito's UserCreation category (default quota 50 requests a second). */
const USER_CREATION = new Set(['SignUp', 'ConfirmSignUp', 'AdminCreateUser', 'AdminConfirmSignUp']);
const QUOTA = 50;

export interface ThroughputResult {
  readonly figures: Figure[];
  readonly notes: string[];
}

export async function benchThroughput(userCount = 1000): Promise<ThroughputResult> {
  const emulator = await startCognitoLocal();
  const proxy = await startCountingProxy(emulator.endpoint, { rate: QUOTA, operations: USER_CREATION });
  const cognito = testCognitoClient(emulator.endpoint);
  try {
    const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'bench-throughput' }))).UserPool!.Id!;
    useLocalEndpoints(proxy.endpoint, 'http://127.0.0.1:9');
    // One Users alone in its stack: the whole default stack share (what the provider writes).
    process.env.COGNITO_QUOTA_SHARE = String(DEFAULT_STACK_QUOTA_SHARE);
    process.env.COGNITO_QUOTA_CONCURRENCY = JSON.stringify({ UserCreation: 1 });
    const props = { UserPoolId: poolId, Users: declaredUsers('bulk', userCount) };

    let error: string | undefined;
    const started = Date.now();
    try {
      await invoke(bundledHandler(), createEvent('Custom::CognitoUsers', props));
    } catch (e) {
      error = (e as Error).message.split('\n')[0];
    }
    const seconds = (Date.now() - started) / 1000;

    const inPool = await countUsers(cognito, poolId);
    const rate = userCount / seconds;
    const share = rate / QUOTA;
    const target = DEFAULT_STACK_QUOTA_SHARE;
    const throttled = proxy.throttled.get('AdminCreateUser') ?? 0;
    const failures = error ? 1 : 0;
    const figures: Figure[] = [
      {
        section: 'Bulk throughput', name: `Create of ${userCount} users: rate as a share of ${QUOTA}/s`,
        value: `${(share * 100).toFixed(1)}% (${rate.toFixed(1)} users/s, ${seconds.toFixed(1)} s)`, budget: `>= ${target * 85}% (85% of the stack's default ${target * 100}%)`, verdict: verdict(share >= target * 0.85),
      },
      {
        section: 'Bulk throughput', name: 'Failed Create (the handler threw)', value: error ? `1 (${error})` : '0',
        budget: '0', verdict: verdict(failures === 0),
      },
      {
        section: 'Bulk throughput', name: 'Users in the pool afterwards (ListUsers)', value: String(inPool),
        budget: `exactly ${userCount}`, verdict: verdict(inPool === userCount),
      },
      {
        section: 'Bulk throughput', name: 'Requests the proxy throttled (TooManyRequestsException)', value: String(throttled),
        budget: '', verdict: '-',
      },
    ];
    const notes = [`AdminCreateUser forwarded: ${proxy.forwarded.get('AdminCreateUser') ?? 0}; throttled: ${throttled}.`];
    return { figures, notes };
  } finally {
    cognito.destroy();
    await proxy.stop();
    await emulator.stop();
  }
}

/** Counts the users of the pool, following ListUsers pagination. */
export async function countUsers(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
    count += page.Users?.length ?? 0;
    token = page.PaginationToken;
  } while (token);
  return count;
}

if (require.main === module) {
  benchThroughput(Number(process.argv[2] ?? 1000)).then((r) => console.log(JSON.stringify(r, undefined, 2)));
}
