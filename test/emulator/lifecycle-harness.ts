// A lifecycle harness for the emulator tests: cognito-local behind the fault proxy, the bundled
// handler, CloudFormation-style events, and per-request control of the proxy (record every call,
// fail the Nth call of an operation, lose the response of a write that landed).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  bundledHandler, FaultProxy, FaultProxyOptions, isWriteOperation, seededRandom, Service, startCognitoLocal, startFaultProxy,
  startSecretsStub, testCognitoClient, useLocalEndpoints,
} from './emulator';

export interface Call {
  readonly operation: string;
  readonly body: any;
}

/** Decides, per request, what the proxy does with it. */
export interface Faults {
  /** An error type to answer the request with instead of forwarding it (the write does NOT land). */
  inject?: (operation: string, body: any, nth: number) => string | undefined;
  /** True to forward the request (the write lands) and lose its response. */
  lose?: (operation: string, body: any, nth: number) => boolean;
  /** Background faults from a seeded random source: throttling or HTTP 500 before the request, and lost write responses. */
  background?: { faultRate: number; lostResponseRate: number; seed: number };
}

export interface Lifecycle {
  readonly cognito: CognitoIdentityProviderClient;
  readonly proxy: FaultProxy;
  /** Every request that reached the proxy, in order. */
  readonly calls: Call[];
  /** The operations whose write landed and whose response was lost, in order. */
  readonly lost: string[];
  /** What the proxy does with the next requests; reset by {@link Lifecycle.reset}. */
  faults: Faults;
  /** Forgets the recorded calls and the faults. */
  reset(): void;
  /** The write operations recorded since the last reset. */
  writes(): string[];
  send(requestType: 'Create' | 'Update' | 'Delete', props: object, extra?: object): Promise<{ PhysicalResourceId?: string; Data?: any }>;
  create(props: object): Promise<{ PhysicalResourceId?: string; Data?: any }>;
  update(physicalId: string, oldProps: object, props: object): Promise<{ PhysicalResourceId?: string; Data?: any }>;
  remove(physicalId: string, props: object): Promise<{ PhysicalResourceId?: string; Data?: any }>;
  stop(): Promise<void>;
}

const TOKEN = 'arn:aws:lambda:us-east-1:111111111111:function:provider';

/** Starts the emulator and the proxy, points the bundled handler at them, and sends events of `resourceType`. */
export async function startLifecycle(resourceType: string): Promise<Lifecycle> {
  const [cognitoLocal, secretsStub]: Service[] = await Promise.all([startCognitoLocal(), startSecretsStub(new Map())]);
  const calls: Call[] = [];
  const seen = new Map<string, number>();
  const lost: string[] = [];
  let random = seededRandom(1);
  let loseRandom = seededRandom(2);
  let seed: number | undefined;
  const options: { -readonly [K in keyof FaultProxyOptions]: FaultProxyOptions[K] } = {
    // The proxy's own draw for throttling and 500s: the background rate, from a seeded source.
    get faultRate() {
      const background = lifecycle.faults.background;
      if (background && background.seed !== seed) {
        seed = background.seed;
        random = seededRandom(seed);
        loseRandom = seededRandom(seed + 1000);
      }
      return background?.faultRate ?? 0;
    },
    random: () => random(),
    lostResponseRate: 0,
    // The hook runs before the request is forwarded and before the proxy decides to lose it.
    inject: (operation, body) => {
      calls.push({ operation, body });
      const nth = (seen.get(operation) ?? 0) + 1;
      seen.set(operation, nth);
      const background = lifecycle.faults.background;
      const lose = (lifecycle.faults.lose?.(operation, body, nth) ?? false)
        || (background !== undefined && isWriteOperation(operation) && loseRandom() < background.lostResponseRate);
      options.lostResponseRate = lose ? 1 : 0;
      // The proxy answers every other lost write with a 500 and drops the connection otherwise.
      if (lose) lost.push(operation);
      return lifecycle.faults.inject?.(operation, body, nth);
    },
  };
  const proxy = await startFaultProxy(cognitoLocal.endpoint, options);
  useLocalEndpoints(proxy.endpoint, secretsStub.endpoint);
  const handler = bundledHandler();
  let seq = 0;
  const send: Lifecycle['send'] = (requestType, props, extra = {}) => handler({
    RequestType: requestType,
    ResourceType: resourceType,
    RequestId: `request-${++seq}`,
    LogicalResourceId: 'Resource',
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Lifecycle/1',
    ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned',
    ResourceProperties: { ServiceToken: TOKEN, ...props },
    ...extra,
  });
  const cognito = testCognitoClient(cognitoLocal.endpoint);
  const lifecycle: Lifecycle = {
    cognito,
    proxy,
    calls,
    lost,
    faults: {},
    reset() {
      calls.length = 0;
      lost.length = 0;
      seen.clear();
      lifecycle.faults = {};
    },
    writes: () => calls.map((c) => c.operation).filter(isWriteOperation),
    send,
    create: (props) => send('Create', props),
    update: (physicalId, oldProps, props) => send('Update', props, {
      PhysicalResourceId: physicalId, OldResourceProperties: { ServiceToken: TOKEN, ...oldProps },
    }),
    remove: (physicalId, props) => send('Delete', props, { PhysicalResourceId: physicalId }),
    async stop() {
      cognito.destroy();
      await Promise.all([proxy.stop(), cognitoLocal.stop(), secretsStub.stop()]);
    },
  };
  return lifecycle;
}

/**
 * A test file's lifecycle: registers the hooks that start it before the file's tests (the
 * handler's console output silenced), reset it before each test and stop it after them, and
 * returns it for use inside the tests.
 */
export function useLifecycle(resourceType: string): Lifecycle {
  let started: Lifecycle | undefined;
  beforeAll(async () => {
    started = await startLifecycle(resourceType);
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await started?.stop();
  });
  beforeEach(() => current().reset());
  const current = (): Lifecycle => {
    if (!started) throw new Error('the lifecycle is used outside a test (it starts in beforeAll)');
    return started;
  };
  return new Proxy({} as Lifecycle, {
    get: (_target, key) => {
      const value = (current() as any)[key];
      return typeof value === 'function' ? value.bind(current()) : value;
    },
    set: (_target, key, value) => {
      (current() as any)[key] = value;
      return true;
    },
  });
}
