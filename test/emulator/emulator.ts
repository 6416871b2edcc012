// Local stand-ins for the AWS services the handlers call, for the emulator tests:
// - cognito-local, started in a child process (it keeps its config and data under the
//   working folder, so it runs in a temp folder of its own) on a free loopback port;
// - a Secrets Manager stub speaking the JSON protocol for GetSecretValue;
// - a fault proxy that answers a share of requests with throttling or HTTP 500.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

export interface Service {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const SERVER_SCRIPT = `
const path = require('path');
const dir = path.dirname(require.resolve('cognito-local/package.json'));
const pino = require(require.resolve('pino', { paths: [dir] }));
require('cognito-local').createDefaultServer(pino({ level: 'silent' }))
  .then((server) => server.start())
  .then((server) => console.log(JSON.stringify({ port: server.address().port })))
  .catch((error) => { console.error(error); process.exit(1); });
`;

/**
 * Starts cognito-local on 127.0.0.1 with a random port and plain usernames.
 * @param extraConfig more of cognito-local's config (e.g. `TriggerFunctions` and `LambdaClient`)
 */
export async function startCognitoLocal(extraConfig: object = {}): Promise<Service> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-local-'));
  fs.mkdirSync(path.join(dir, '.cognito'));
  fs.writeFileSync(path.join(dir, '.cognito', 'config.json'), JSON.stringify({
    ServerConfig: { port: 0, hostname: '127.0.0.1' },
    UserPoolDefaults: { UsernameAttributes: [] },
    ...extraConfig,
  }));
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER_SCRIPT], {
    cwd: dir,
    env: { ...process.env, NODE_PATH: path.join(__dirname, '..', '..', 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /\{"port":(\d+)\}/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.stderr!.on('data', (d) => { err += d; });
    child.on('exit', (code) => reject(new Error(`cognito-local exited with ${code}: ${err}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.removeAllListeners('exit');
      await new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill(); });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Secrets Manager stub: GetSecretValue for the secrets given (by ARN). */
export async function startSecretsStub(secrets: Map<string, string>): Promise<Service> {
  return listen(async (req, body, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const input = JSON.parse(body || '{}');
    if (target === 'secretsmanager.GetSecretValue' && secrets.has(input.SecretId)) {
      return json(res, 200, { ARN: input.SecretId, Name: input.SecretId, SecretString: secrets.get(input.SecretId), VersionId: 'v1' });
    }
    return json(res, 400, { __type: 'ResourceNotFoundException', message: 'Secrets Manager can\'t find the specified secret.' }, 'ResourceNotFoundException');
  });
}

export interface FaultProxyOptions {
  /** Share of requests answered with a fault instead of being forwarded. */
  readonly faultRate: number;
  /** Deterministic random source. */
  readonly random: () => number;
  /** Operations (X-Amz-Target suffix) always answered with LimitExceededException. */
  readonly limitExceeded?: Set<string>;
  /**
   * Share of write requests (operations not starting with Describe, Get, List or Admin{Get,List})
   * that are forwarded, take effect, and whose answer is then lost: the caller gets an HTTP 500
   * (or, every other time, a dropped connection) although the write landed.
   * @default 0
   */
  readonly lostResponseRate?: number;
  /**
   * Called before each request is forwarded; returning an error type answers the request with
   * that error (HTTP 400) instead, e.g. to fail the Nth call of an operation.
   */
  readonly inject?: (operation: string, body: any) => string | undefined;
  /**
   * Throttles an operation across all callers as Cognito's quotas do: a request of one of
   * `operations` that would make more than `perSecond` of them forwarded within the last second
   * is answered with TooManyRequestsException.
   * @default - no rate limit
   */
  readonly rateLimit?: { readonly operations: ReadonlySet<string>; readonly perSecond: number };
}

export interface FaultProxy extends Service {
  readonly faults: { throttled: number; failed: number; forwarded: number; limited: number; lost: number; injected: number; rateLimited: number };
  /** When (ms) each request of the rate-limited operations was forwarded. */
  readonly rateLimitedForwards: number[];
}

/** True for the operations that change state (what a lost response can hide). */
export function isWriteOperation(operation: string): boolean {
  return !/^(Describe|Get|List|AdminGet|AdminList|Initiate|RespondTo)/.test(operation);
}

/** A proxy in front of `upstream` that answers a share of requests with throttling or HTTP 500. */
export async function startFaultProxy(upstream: string, options: FaultProxyOptions): Promise<FaultProxy> {
  const faults = { throttled: 0, failed: 0, forwarded: 0, limited: 0, lost: 0, injected: 0, rateLimited: 0 };
  const rateLimitedForwards: number[] = [];
  const target = new URL(upstream);
  const service = await listen(async (req, body, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    if (options.rateLimit?.operations.has(operation)) {
      const now = Date.now();
      let inLastSecond = 0;
      for (let i = rateLimitedForwards.length - 1; i >= 0 && rateLimitedForwards[i] > now - 1000; i--) inLastSecond++;
      if (inLastSecond >= options.rateLimit.perSecond) {
        faults.rateLimited++;
        return json(res, 400, { __type: 'TooManyRequestsException', message: 'Rate exceeded' }, 'TooManyRequestsException');
      }
      rateLimitedForwards.push(now);
    }
    if (options.limitExceeded?.has(operation)) {
      faults.limited++;
      return json(res, 400, { __type: 'LimitExceededException', message: 'Exceeded the limit for the number of users.' }, 'LimitExceededException');
    }
    if (options.random() < options.faultRate) {
      if (options.random() < 0.5) {
        faults.throttled++;
        return json(res, 400, { __type: 'TooManyRequestsException', message: 'Rate exceeded' }, 'TooManyRequestsException');
      }
      faults.failed++;
      return json(res, 500, { __type: 'InternalErrorException', message: 'Internal error' }, 'InternalErrorException');
    }
    const injected = options.inject?.(operation, body ? JSON.parse(body) : {});
    if (injected) {
      faults.injected++;
      return json(res, 400, { __type: injected, message: `Injected ${injected}` }, injected);
    }
    faults.forwarded++;
    const loseIt = isWriteOperation(operation) && options.random() < (options.lostResponseRate ?? 0);
    const upstreamRes = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const r = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, resolve);
      r.on('error', reject);
      r.end(body);
    });
    const chunks: Buffer[] = [];
    for await (const c of upstreamRes) chunks.push(c as Buffer);
    if (loseIt) {
      // The write took effect upstream; the caller never learns it.
      faults.lost++;
      if (faults.lost % 2 === 0) { req.socket.destroy(); return; }
      return json(res, 500, { __type: 'InternalErrorException', message: 'Internal error (response lost)' }, 'InternalErrorException');
    }
    res.writeHead(upstreamRes.statusCode ?? 500, upstreamRes.headers);
    res.end(Buffer.concat(chunks));
  });
  return { ...service, faults, rateLimitedForwards };
}

/** A deterministic random source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Cognito client for the test itself (setup and checks), straight to the emulator. */
export function testCognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

/**
 * Points the bundled handler (which reads the standard variables) at the local services. The
 * emulator enforces no quota, so the handler spends the whole of each (a test of the pacing sets
 * COGNITO_QUOTA_SHARE and COGNITO_QUOTA_CONCURRENCY itself, after this call).
 */
export function useLocalEndpoints(cognitoEndpoint: string, secretsEndpoint: string): void {
  process.env.COGNITO_QUOTA_SHARE = '1';
  delete process.env.COGNITO_QUOTA_CONCURRENCY;
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = cognitoEndpoint;
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secretsEndpoint;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
}

/** The bundled handler, as the provider framework's onEvent would call it. */
export function bundledHandler(): (event: unknown) => Promise<{ PhysicalResourceId?: string; Data?: unknown }> {
  return require(path.join(__dirname, '..', '..', 'assets', 'handler', 'index.js')).handler;
}

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => Promise<void>;

async function listen(handle: Handler): Promise<Service> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      handle(req, body, res).catch((e) => json(res, 500, { __type: 'ProxyError', message: String(e) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function json(res: http.ServerResponse, status: number, body: object, errorType?: string): void {
  const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/x-amz-json-1.1' };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}
