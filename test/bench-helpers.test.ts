// The benchmark's pure helpers and its counting proxy (the benchmark itself is `npm run bench`,
// not part of the test suite).
import * as http from 'http';
import { AddressInfo } from 'net';
import { countWhere, startCountingProxy, TokenBucket } from '../bench/counting-proxy';
import { isWriteOperation, markdownTable, median, ratioOfMedians } from '../bench/stats';

describe('median and ratio of medians', () => {
  test.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 1, 10, 100], 10],
  ])('median of %p is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  test('median of nothing is refused', () => {
    expect(() => median([])).toThrow('median of no values');
  });

  test('the ratio compares medians, so one slow outlier does not move it', () => {
    // GIVEN ours with one outlier run, and the peer
    const ours = [110, 9000, 105, 115, 108];
    const peer = [100, 98, 102, 100, 101];
    // THEN
    expect(ratioOfMedians(ours, peer)).toBeCloseTo(1.1, 5);
  });
});

test.each([
  ['AdminCreateUser', true],
  ['AdminUpdateUserAttributes', true],
  ['AdminDeleteUser', true],
  ['SignUp', true],
  ['AdminGetUser', false],
  ['ListUsers', false],
  ['AdminListGroupsForUser', false],
  ['DescribeUserPool', false],
  ['GetGroup', false],
])('%s is a write: %p', (operation, write) => {
  expect(isWriteOperation(operation)).toBe(write);
});

test('markdownTable pads the columns', () => {
  expect(markdownTable(['A', 'Long'], [['xyz', '1']])).toBe('| A   | Long |\n| --- | ---- |\n| xyz | 1    |');
});

describe('TokenBucket', () => {
  test('lets a full bucket through at once, then the rate', () => {
    // GIVEN 50 a second, one second of burst
    let now = 0;
    const bucket = new TokenBucket(50, 50, () => now);
    // WHEN 60 requests arrive at once
    const first = Array.from({ length: 60 }, () => bucket.tryTake());
    // THEN 50 pass and 10 are throttled
    expect(first.filter(Boolean)).toHaveLength(50);
    // AND 100 ms later five more tokens are there
    now = 100;
    expect(Array.from({ length: 6 }, () => bucket.tryTake())).toEqual([true, true, true, true, true, false]);
  });

  test('never holds more than its capacity', () => {
    let now = 0;
    const bucket = new TokenBucket(50, 50, () => now);
    now = 60_000;
    expect(Array.from({ length: 51 }, () => bucket.tryTake()).filter(Boolean)).toHaveLength(50);
  });
});

describe('counting proxy', () => {
  let upstream: http.Server;
  let upstreamUrl: string;
  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }); res.end('{}'); });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

  const call = (endpoint: string, operation: string) => fetch(endpoint, {
    method: 'POST', headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` }, body: '{}',
  });

  test('counts forwarded operations and throttles only the listed ones, as Cognito answers', async () => {
    // GIVEN a proxy allowing 2 AdminCreateUser a second (bucket of 2)
    const proxy = await startCountingProxy(upstreamUrl, { rate: 2, operations: new Set(['AdminCreateUser']) });
    try {
      // WHEN 3 creates and 3 reads are sent at once
      const creates = await Promise.all([1, 2, 3].map(() => call(proxy.endpoint, 'AdminCreateUser')));
      const reads = await Promise.all([1, 2, 3].map(() => call(proxy.endpoint, 'AdminGetUser')));
      // THEN one create is throttled with Cognito's error shape; reads all pass
      const throttled = creates.filter((r) => r.status === 400);
      expect(throttled).toHaveLength(1);
      expect(throttled[0].headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
      expect(await throttled[0].json()).toEqual({ __type: 'TooManyRequestsException', message: 'Rate exceeded' });
      expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(Object.fromEntries(proxy.forwarded)).toEqual({ AdminCreateUser: 2, AdminGetUser: 3 });
      expect(Object.fromEntries(proxy.throttled)).toEqual({ AdminCreateUser: 1 });
      expect(countWhere(proxy.forwarded, isWriteOperation)).toBe(2);
      // AND reset forgets the counts
      proxy.reset();
      expect(proxy.forwarded.size).toBe(0);
    } finally {
      await proxy.stop();
    }
  });
});
