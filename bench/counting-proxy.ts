/**
 * A loopback proxy in front of the Cognito emulator that counts the operations it forwards
 * (by the `X-Amz-Target` header) and, optionally, throttles a set of operations above a rate
 * with a token bucket, answering as Cognito does: HTTP 400, `x-amzn-errortype` and a JSON body
 * of type `TooManyRequestsException`.
 */
import * as http from 'http';
import { AddressInfo } from 'net';

/** A token bucket: `rate` tokens a second, holding at most `capacity`; starts full. */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(private readonly rate: number, private readonly capacity: number, private readonly now: () => number = Date.now) {
    this.tokens = capacity;
    this.updated = now();
  }

  /** Takes a token if one is there; false means the request is over the rate. */
  tryTake(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updated) / 1000) * this.rate);
    this.updated = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface ThrottleOptions {
  /** Requests a second allowed for the throttled operations together. */
  readonly rate: number;
  /** Burst allowed (tokens in a full bucket). @default rate (one second's worth) */
  readonly capacity?: number;
  /** The operations the bucket applies to. */
  readonly operations: ReadonlySet<string>;
}

export interface CountingProxy {
  readonly endpoint: string;
  /** Forwarded requests per operation. */
  readonly forwarded: Map<string, number>;
  /** Throttled requests per operation. */
  readonly throttled: Map<string, number>;
  /** Times (ms, `Date.now()`) of the forwarded requests of the throttled operations. */
  readonly forwardedTimes: number[];
  /** Forgets all counts. */
  reset(): void;
  stop(): Promise<void>;
}

/** Starts the proxy on a free loopback port. */
export async function startCountingProxy(upstream: string, throttle?: ThrottleOptions): Promise<CountingProxy> {
  const target = new URL(upstream);
  const forwarded = new Map<string, number>();
  const throttled = new Map<string, number>();
  const forwardedTimes: number[] = [];
  const bucket = throttle ? new TokenBucket(throttle.rate, throttle.capacity ?? throttle.rate) : undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const limited = throttle?.operations.has(operation) ?? false;
      if (limited && !bucket!.tryTake()) {
        increment(throttled, operation);
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'TooManyRequestsException' });
        res.end(JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }));
        return;
      }
      increment(forwarded, operation);
      if (limited) forwardedTimes.push(Date.now());
      const upstreamReq = http.request({
        host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent,
      }, (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 500, upstreamRes.headers);
        upstreamRes.pipe(res);
      });
      upstreamReq.on('error', (error) => {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InternalErrorException' });
        res.end(JSON.stringify({ __type: 'InternalErrorException', message: String(error) }));
      });
      upstreamReq.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    forwarded,
    throttled,
    forwardedTimes,
    reset: () => { forwarded.clear(); throttled.clear(); forwardedTimes.length = 0; },
    stop: () => new Promise<void>((resolve) => {
      agent.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The sum of the counts of the operations accepted by `filter`. */
export function countWhere(counts: ReadonlyMap<string, number>, filter: (operation: string) => boolean): number {
  let total = 0;
  for (const [operation, n] of counts) if (filter(operation)) total += n;
  return total;
}
