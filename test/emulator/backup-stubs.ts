// Stand-ins for the backup tests:
// - an in-memory S3 stub (path-style PutObject and GetObject), with injectable PutObject failures;
// - a front for cognito-local that adds what it lacks and the backup needs: GetCSVHeader (from
//   DescribeUserPool, in the real header's order) and pagination of ListUsers, ListGroups and
//   ListUsersInGroup (Limit and the pagination token; cognito-local returns everything at once).
//   The first page takes a snapshot of the whole list and the token addresses it, so that a
//   page costs what it costs in Cognito, not a read of the whole pool.
import * as http from 'http';
import { AddressInfo } from 'net';
import { STANDARD_IMPORT_COLUMNS } from '../../lib/user-import-job';

export interface S3Stub {
  readonly endpoint: string;
  /** Objects by `bucket/key`. */
  readonly objects: Map<string, string>;
  /** Keys (`bucket/key`) written, in order. */
  readonly puts: string[];
  /** Answers a PutObject of a key with HTTP 500 when it returns true. */
  failPut?: (key: string) => boolean;
  stop(): Promise<void>;
}

export async function startS3Stub(): Promise<S3Stub> {
  const stub: S3Stub = {
    endpoint: '',
    objects: new Map(),
    puts: [],
    stop: async () => undefined,
  };
  const service = await listen(async (req, body, res) => {
    const key = decodeURIComponent(new URL(req.url ?? '/', 'http://stub').pathname.slice(1));
    if (req.method === 'PUT') {
      if (stub.failPut?.(key)) {
        res.writeHead(500, { 'content-type': 'application/xml' });
        res.end('<Error><Code>InternalError</Code><Message>Injected</Message></Error>');
        return;
      }
      stub.objects.set(key, body.toString('utf8'));
      stub.puts.push(key);
      res.writeHead(200, { ETag: '"stub"' });
      res.end();
      return;
    }
    if (req.method === 'GET' && stub.objects.has(key)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(stub.objects.get(key));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/xml' });
    res.end('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
  });
  return Object.assign(stub, service);
}

/** cognito-local with GetCSVHeader and paginated lists. */
export async function startCognitoFront(upstream: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const call = async (target: string, input: object): Promise<any> => {
    const res = await fetch(upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
      body: JSON.stringify(input),
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };
  const snapshots = new Map<string, unknown[]>();
  return listen(async (req, raw, res) => {
    const target = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    const input = JSON.parse(raw.toString('utf8') || '{}');
    const reply = (status: number, body: string, type?: string) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...(type ? { 'x-amzn-errortype': type } : {}) });
      res.end(body);
    };
    if (target === 'GetCSVHeader') {
      const described = await call('DescribeUserPool', { UserPoolId: input.UserPoolId });
      if (described.status !== 200) return reply(described.status, described.body, described.headers.get('x-amzn-errortype') ?? undefined);
      const schema: Array<{ Name: string }> = JSON.parse(described.body).UserPool.SchemaAttributes ?? [];
      const custom = schema.map((s) => s.Name).filter((n) => n.startsWith('custom:'));
      return reply(200, JSON.stringify({ UserPoolId: input.UserPoolId, CSVHeader: [...STANDARD_IMPORT_COLUMNS, ...custom] }));
    }
    const paged: { [op: string]: { list: string; token: string } } = {
      ListUsers: { list: 'Users', token: 'PaginationToken' },
      ListGroups: { list: 'Groups', token: 'NextToken' },
      ListUsersInGroup: { list: 'Users', token: 'NextToken' },
    };
    const { list, token } = paged[target] ?? { list: '', token: '' };
    const given = paged[target] ? input[token] as string | undefined : undefined;
    let all: unknown[];
    let snapshot: string;
    let start = 0;
    if (given !== undefined) {
      [snapshot] = given.split(':');
      start = Number(given.split(':')[1]);
      if (!snapshots.has(snapshot)) return reply(400, JSON.stringify({ __type: 'InvalidParameterException', message: 'Invalid pagination token' }), 'InvalidParameterException');
      all = snapshots.get(snapshot)!;
    } else {
      const upstreamInput = { ...input };
      delete upstreamInput.Limit;
      const answer = await call(target, upstreamInput);
      if (!paged[target] || answer.status !== 200) return reply(answer.status, answer.body, answer.headers.get('x-amzn-errortype') ?? undefined);
      all = JSON.parse(answer.body)[list] ?? [];
      snapshot = String(snapshots.size);
      snapshots.set(snapshot, all);
    }
    const limit = Number(input.Limit ?? 60);
    const out: { [key: string]: unknown } = { [list]: all.slice(start, start + limit) };
    if (start + limit < all.length) out[token] = `${snapshot}:${start + limit}`;
    return reply(200, JSON.stringify(out));
  });
}

type Handler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => Promise<void>;

async function listen(handle: Handler): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks), res).catch((e) => { res.writeHead(500); res.end(String(e)); });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
