// Custom::CognitoUserImportJob through the router (real parse and routing) and the waiter.
// cognito-local has no import jobs: a small fake of Cognito's job store and pool users stands
// behind aws-sdk-client-mock, and every test asserts the exact calls.
import { createHash } from 'crypto';
import {
  AdminGetUserCommand, CognitoIdentityProviderClient, CreateUserImportJobCommand, DescribeUserImportJobCommand, GetCSVHeaderCommand,
  ListUserImportJobsCommand, StartUserImportJobCommand, StopUserImportJobCommand, UserImportJobType,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { dispatch } from '../../custom-resources/router';
import { userImportJobModule } from '../../custom-resources/user-import-job';
import { parseCsv } from '../../custom-resources/user-import-job/csv';
import { checkComplete } from '../../custom-resources/waiter';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const s3 = mockClient(S3Client);
const TYPE = 'Custom::CognitoUserImportJob';
const POOL = 'us-east-1_pool';
const STACK = 'arn:aws:cloudformation:us-east-1:111111111111:stack/Test/1';
const HEADER = ['cognito:username', 'email', 'email_verified', 'cognito:mfa_enabled'];
const HEAD = HEADER.join(',');
const ROW = (u: string) => `${u},${u}@example.com,true,false`;
const FILES: { [hash: string]: string } = {
  hA: `${HEAD}\n${ROW('alice')}\n`,
  hAB: `${HEAD}\n${ROW('alice')}\n${ROW('bob')}\n`,
  hB: `${HEAD}\n${ROW('bob')}\n`,
  hA2: `${HEAD}\nalice,alice@example.org,true,false\n`,
  // A quoted field with a comma and a line break: one record
  hAQ: `${HEAD}\r\n${ROW('alice')}\r\n"quinn","q@example.com","true","false"\r\n`,
};
const props = (hash: string, extra: object = {}) => ({
  UserPoolId: POOL, JobName: 'seed', CloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/import-logs',
  CsvBucket: 'assets', CsvKey: `${hash}.csv`, DataHash: hash, ...extra,
});
const run = (event: any, requestId = 'request-1') => dispatch({ ...event, RequestId: requestId }, testContext(), [userImportJobModule]);
const wait = (event: any, res: { PhysicalResourceId?: string; Data?: any }) =>
  checkComplete({ ...event, PhysicalResourceId: res.PhysicalResourceId, Data: res.Data }, testContext());

/** The marker of the first rows of a file: 16 hex digits of a sha256 chain over its usernames. */
function marker(...usernames: string[]): string {
  let h = '';
  for (const u of usernames) h = createHash('sha256').update(`${h}\n${u}`).digest('hex');
  return `${usernames.length}-${h.slice(0, 16)}`;
}
const jobName = (requestId: string) => `seed-${createHash('sha256').update(JSON.stringify([STACK, 'Resource', requestId])).digest('hex').slice(0, 16)}`;

// The fake: jobs by id, users of the pool, bodies uploaded per job.
let jobs: Map<string, UserImportJobType>;
let users: Set<string>;
let uploads: Map<string, string>;
let fetchMock: jest.SpyInstance;
/** Operations whose next answer is lost after the write landed. */
let loseNext: Set<string>;
const CREATED_AT = new Date('2030-01-01T00:00:00Z');

function ops(): string[] {
  return cognito.calls().map((c) => (c.args[0] as any).constructor.name.replace(/Command$/, ''));
}
function inputs(command: any): any[] {
  return cognito.commandCalls(command).map((c) => c.args[0].input);
}
/** Cognito runs the job: every uploaded row whose user is missing is imported (`failing` ones fail). */
function finish(jobId: string, failing: string[] = []): void {
  const { rows } = parseCsv(uploads.get(jobId)!);
  let imported = 0; let skipped = 0; let failed = 0;
  for (const r of rows) {
    const u = r.fields[0];
    if (failing.includes(u)) failed++;
    else if (users.has(u)) skipped++;
    else { users.add(u); imported++; }
  }
  jobs.set(jobId, { ...jobs.get(jobId), Status: failed ? 'Failed' : 'Succeeded', ImportedUsers: imported, SkippedUsers: skipped, FailedUsers: failed });
}
const notFound = (name: string) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });
const lost = () => Object.assign(new Error('socket hang up'), { name: 'InternalErrorException', $metadata: { httpStatusCode: 500 } });

beforeEach(() => {
  cognito.reset();
  s3.reset();
  jobs = new Map();
  users = new Set();
  uploads = new Map();
  loseNext = new Set();
  s3.on(GetObjectCommand).callsFake((input) => {
    const body = FILES[input.Key.replace(/\.csv$/, '')];
    return { Body: { transformToByteArray: async () => new Uint8Array(Buffer.from(body)) } };
  });
  cognito.on(GetCSVHeaderCommand).resolves({ CSVHeader: HEADER });
  cognito.on(ListUserImportJobsCommand).callsFake((input) => ({ UserImportJobs: [...jobs.values()].filter((j) => j.UserPoolId === input.UserPoolId) }));
  cognito.on(CreateUserImportJobCommand).callsFake((input) => {
    const JobId = `import-${jobs.size + 1}`;
    const job = { JobId, JobName: input.JobName, UserPoolId: input.UserPoolId, Status: 'Created' as const, CreationDate: CREATED_AT, PreSignedUrl: `https://upload.example/${JobId}?X-Amz-Signature=sig` };
    jobs.set(JobId, job);
    if (loseNext.delete('CreateUserImportJob')) throw lost();
    return { UserImportJob: job };
  });
  cognito.on(StartUserImportJobCommand).callsFake((input) => {
    const job = jobs.get(input.JobId)!;
    if (job.Status !== 'Created') throw Object.assign(new Error('Job is not in Created state'), { name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
    jobs.set(input.JobId, { ...job, Status: 'Pending' });
    if (loseNext.delete('StartUserImportJob')) throw lost();
    return {};
  });
  cognito.on(DescribeUserImportJobCommand).callsFake((input) => {
    const job = jobs.get(input.JobId);
    if (!job) throw notFound('ResourceNotFoundException');
    return { UserImportJob: job };
  });
  cognito.on(StopUserImportJobCommand).callsFake((input) => {
    jobs.set(input.JobId, { ...jobs.get(input.JobId), Status: 'Stopped' });
    return {};
  });
  cognito.on(AdminGetUserCommand).callsFake((input) => {
    if (!users.has(input.Username)) throw notFound('UserNotFoundException');
    return { Username: input.Username };
  });
  fetchMock = jest.spyOn(global, 'fetch').mockImplementation(async (url: any, init: any) => {
    uploads.set(/\/(import-\d+)\?/.exec(String(url))![1], Buffer.from(init.body).toString());
    return new Response(null, { status: 200 });
  });
});

afterEach(() => {
  fetchMock.mockRestore();
  jest.restoreAllMocks();
});

/** Create with file hA, its job run to success: the deployed state most tests start from. */
async function deployed(): Promise<string> {
  const res = await run(createEvent(TYPE, props('hA')));
  finish('import-1');
  cognito.resetHistory();
  s3.resetHistory();
  fetchMock.mockClear();
  return res.PhysicalResourceId!;
}

describe('Create', () => {
  test('checks the header, creates a job named after the request, uploads the file with KMS encryption, starts it', async () => {
    const res = await run(createEvent(TYPE, props('hA')));
    expect(res).toEqual({
      PhysicalResourceId: `${POOL}/import-job/import-1/run-${marker('alice')}`,
      Data: { JobId: 'import-1', NewJob: 'true', Rows: '1', StopAfter: '2030-01-01T00:40:00.000Z' },
    });
    expect(ops()).toEqual(['GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'StartUserImportJob']);
    expect(inputs(CreateUserImportJobCommand)).toEqual([{ UserPoolId: POOL, JobName: jobName('request-1'), CloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/import-logs' }]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toEqual('https://upload.example/import-1?X-Amz-Signature=sig');
    expect(init).toEqual(expect.objectContaining({ method: 'PUT', headers: expect.objectContaining({ 'x-amz-server-side-encryption': 'aws:kms' }) }));
    expect(uploads.get('import-1')).toEqual(FILES.hA);
  });

  test('retried after the job was created but before the upload: uploads to that job and starts it, no second job', async () => {
    fetchMock.mockRejectedValueOnce(Object.assign(new Error('Task timed out'), { code: 'ETIMEDOUT' }));
    await expect(run(createEvent(TYPE, props('hA')))).rejects.toThrow('Task timed out');
    expect(jobs.get('import-1')!.Status).toEqual('Created');
    cognito.resetHistory();
    const res = await run(createEvent(TYPE, props('hA')));
    expect(res.PhysicalResourceId).toEqual(`${POOL}/import-job/import-1/run-${marker('alice')}`);
    expect(ops()).toEqual(['GetCSVHeader', 'ListUserImportJobs', 'StartUserImportJob']);
    expect([...jobs.keys()]).toEqual(['import-1']);
    expect(uploads.get('import-1')).toEqual(FILES.hA);
  });

  test('retried after the job was started: continues with it (no upload, no start)', async () => {
    const first = await run(createEvent(TYPE, props('hA')));
    cognito.resetHistory();
    fetchMock.mockClear();
    await expect(run(createEvent(TYPE, props('hA')))).resolves.toEqual(first);
    expect(ops()).toEqual(['GetCSVHeader', 'ListUserImportJobs']);
    expect(fetchMock).not.toHaveBeenCalled();
    expect([...jobs.keys()]).toEqual(['import-1']);
  });

  test('a CreateUserImportJob whose answer was lost is found, not sent again', async () => {
    loseNext.add('CreateUserImportJob');
    const res = await run(createEvent(TYPE, props('hA')));
    expect(ops()).toEqual(['GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'ListUserImportJobs', 'StartUserImportJob']);
    expect(res.PhysicalResourceId).toEqual(`${POOL}/import-job/import-1/run-${marker('alice')}`);
    expect([...jobs.keys()]).toEqual(['import-1']);
  });

  test('a StartUserImportJob whose answer was lost (retried, refused as already started) succeeds', async () => {
    loseNext.add('StartUserImportJob');
    const res = await run(createEvent(TYPE, props('hA')));
    expect(res.PhysicalResourceId).toEqual(`${POOL}/import-job/import-1/run-${marker('alice')}`);
    expect(ops()).toEqual(['GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'StartUserImportJob', 'StartUserImportJob', 'DescribeUserImportJob']);
  });

  test('a header that does not match GetCSVHeader fails listing missing and unknown columns, before any job', async () => {
    cognito.on(GetCSVHeaderCommand).resolves({ CSVHeader: [...HEADER, 'phone_number'] });
    FILES.hX = `${HEAD},custom:nope\n`;
    await expect(run(createEvent(TYPE, props('hX')))).rejects.toThrow(
      'The CSV header does not match user pool us-east-1_pool (GetCSVHeader): missing columns [phone_number]; unknown columns [custom:nope]');
    expect(ops()).toEqual(['GetCSVHeader']);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  test('a failed upload fails without the signed URL in the message', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 403 }));
    const err = await run(createEvent(TYPE, props('hA'))).catch((e) => e);
    expect(err.message).toEqual("Uploading the CSV to the import job's pre-signed URL failed: HTTP 403");
    expect(cognito.commandCalls(StartUserImportJobCommand)).toHaveLength(0);
  });
});

describe('Update', () => {
  test('same data: no call, same physical id', async () => {
    const id = await deployed();
    await expect(run(updateEvent(TYPE, id, props('hA'), props('hA', { CsvBucket: 'moved' })), 'request-2'))
      .resolves.toEqual({ PhysicalResourceId: id, Data: { JobId: 'import-1', NewJob: 'false' } });
    expect(cognito.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('rows appended: the job gets only the new rows', async () => {
    const id = await deployed();
    const res = await run(updateEvent(TYPE, id, props('hA'), props('hAB')), 'request-2');
    expect(res).toEqual({
      PhysicalResourceId: `${POOL}/import-job/import-2/run-${marker('alice', 'bob')}/ok-${marker('alice')}`,
      Data: { JobId: 'import-2', NewJob: 'true', Rows: '1', StopAfter: '2030-01-01T00:40:00.000Z' },
    });
    expect(ops()).toEqual(['DescribeUserImportJob', 'AdminGetUser', 'GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'StartUserImportJob']);
    expect(inputs(AdminGetUserCommand)).toEqual([{ UserPoolId: POOL, Username: 'bob' }]);
    expect(inputs(CreateUserImportJobCommand)[0].JobName).toEqual(jobName('request-2'));
    expect(uploads.get('import-2')).toEqual(`${HEAD}\n${ROW('bob')}\n`);
    finish('import-2');
    await expect(wait(updateEvent(TYPE, id, props('hA'), props('hAB')), res)).resolves.toEqual({ IsComplete: true });
    expect(jobs.get('import-2')).toEqual(expect.objectContaining({ ImportedUsers: 1, SkippedUsers: 0, FailedUsers: 0 }));
  });

  test('a quoted row with a comma and a line break is sent as written', async () => {
    const id = await deployed();
    await run(updateEvent(TYPE, id, props('hA'), props('hAQ')), 'request-2');
    expect(uploads.get('import-2')).toEqual(`${HEAD}\n"quinn","q@example.com","true","false"\n`);
  });

  test('the update\'s job fails, CloudFormation rolls back under the id the update returned: no job, nothing deleted', async () => {
    const id1 = await deployed();
    const id2 = (await run(updateEvent(TYPE, id1, props('hA'), props('hAB')), 'request-2')).PhysicalResourceId!;
    finish('import-2', ['bob']);
    await expect(wait(updateEvent(TYPE, id1, props('hA'), props('hAB')), { PhysicalResourceId: id2, Data: { NewJob: 'true' } })).rejects.toThrow(
      'User import job import-2 ended Failed: 0 imported, 0 skipped, 1 failed; see its log in CloudWatch Logs: '
      + `log group /aws/cognito/userpools/${POOL}/<pool name>, log stream import-2/${jobName('request-2')}`);
    cognito.resetHistory();
    fetchMock.mockClear();

    const rollback = updateEvent(TYPE, id2, props('hAB'), props('hA'));
    const res = await run(rollback, 'request-3');
    expect(res).toEqual({ PhysicalResourceId: `${POOL}/import-job/import-2/ok-${marker('alice')}`, Data: { JobId: 'import-2', NewJob: 'false' } });
    expect(ops()).toEqual(['DescribeUserImportJob']);
    expect(fetchMock).not.toHaveBeenCalled();
    await expect(wait(rollback, res)).resolves.toEqual({ IsComplete: true });
    expect(ops()).toEqual(['DescribeUserImportJob']);
    // CloudFormation then deletes the id the failed update returned: its job has ended, nothing to stop
    await expect(run(deleteEvent(TYPE, id2, props('hAB')), 'request-4')).resolves.toEqual({ PhysicalResourceId: id2 });
    expect(ops()).toEqual(['DescribeUserImportJob', 'DescribeUserImportJob']);
    expect([...users]).toEqual(['alice']);

    // Deploying the same data again retries the rows that did not make it: bob only
    cognito.resetHistory();
    await run(updateEvent(TYPE, res.PhysicalResourceId!, props('hA'), props('hAB')), 'request-5');
    expect(ops()).toEqual(['AdminGetUser', 'GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'StartUserImportJob']);
    expect(uploads.get('import-3')).toEqual(`${HEAD}\n${ROW('bob')}\n`);
  });

  test('rollback under the original id (the update\'s job succeeded, another resource failed): no job', async () => {
    const id1 = await deployed();
    const id2 = (await run(updateEvent(TYPE, id1, props('hA'), props('hAB')), 'request-2')).PhysicalResourceId!;
    finish('import-2');
    for (const [id, expected] of [
      [id1, `${POOL}/import-job/import-1/ok-${marker('alice')}`],
      [id2, `${POOL}/import-job/import-2/ok-${marker('alice')}/ok-${marker('alice', 'bob')}`],
    ]) {
      cognito.resetHistory();
      const res = await run(updateEvent(TYPE, id, props('hAB'), props('hA')), 'request-3');
      expect(res).toEqual({ PhysicalResourceId: expected, Data: { JobId: /import-\d/.exec(id)![0], NewJob: 'false' } });
      expect(ops()).toEqual(['DescribeUserImportJob']);
    }
    // Back to the appended file after that rollback: every row is known, no call to Cognito at all
    cognito.resetHistory();
    const again = await run(updateEvent(TYPE, `${POOL}/import-job/import-2/ok-${marker('alice')}/ok-${marker('alice', 'bob')}`, props('hA'), props('hAB')), 'request-4');
    expect(again.Data).toEqual({ JobId: 'import-2', NewJob: 'false' });
    expect(cognito.calls()).toHaveLength(0);
  });

  test('rows removed: nobody is deleted and no job runs', async () => {
    const id = await deployed();
    users.add('bob');
    const res = await run(updateEvent(TYPE, id, props('hAB'), props('hB')), 'request-2');
    expect(res).toEqual({ PhysicalResourceId: `${POOL}/import-job/import-1/ok-${marker('bob')}/ok-${marker('alice')}`, Data: { JobId: 'import-1', NewJob: 'false' } });
    expect(ops()).toEqual(['DescribeUserImportJob', 'AdminGetUser']);
    expect([...users]).toEqual(['alice', 'bob']);
  });

  test('a changed row of a user already imported: no job (import jobs only create users)', async () => {
    const id = await deployed();
    const res = await run(updateEvent(TYPE, id, props('hA'), props('hA2')), 'request-2');
    expect(res).toEqual({ PhysicalResourceId: `${POOL}/import-job/import-1/ok-${marker('alice')}`, Data: { JobId: 'import-1', NewJob: 'false' } });
    expect(ops()).toEqual(['DescribeUserImportJob']);
  });

  test('from an older library version\'s id (no markers): rows are looked up, only missing users are imported', async () => {
    users.add('alice');
    const res = await run(updateEvent(TYPE, `${POOL}/import-job/import-0`, props('hA'), props('hAB')), 'request-2');
    expect(ops()).toEqual(['AdminGetUser', 'AdminGetUser', 'GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'StartUserImportJob']);
    expect(uploads.get('import-1')).toEqual(`${HEAD}\n${ROW('bob')}\n`);
    expect(res.PhysicalResourceId).toEqual(`${POOL}/import-job/import-1/run-${marker('alice', 'bob')}`);
  });

  test('more rows to look up than the limit: the whole file goes to the job (Cognito skips existing users)', async () => {
    const many = Array.from({ length: 5001 }, (_, i) => ROW(`user${i}`));
    FILES.hMany = `${HEAD}\n${many.join('\n')}\n`;
    await run(updateEvent(TYPE, `${POOL}/import-job/import-0`, props('hA'), props('hMany')), 'request-2');
    expect(ops()).toEqual(['GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'StartUserImportJob']);
    expect(uploads.get('import-1')).toEqual(FILES.hMany);
  });

  test('another pool: the whole file is imported there', async () => {
    const id = await deployed();
    const res = await run(updateEvent(TYPE, id, props('hA'), props('hA', { UserPoolId: 'us-east-1_other', DataHash: 'hA' })), 'request-2');
    expect(res.PhysicalResourceId).toEqual(`us-east-1_other/import-job/import-2/run-${marker('alice')}`);
    expect(ops()).toEqual(['GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'StartUserImportJob']);
  });
});

describe('Delete', () => {
  test.each(['Pending', 'InProgress'])('stops a job still %s', async (status) => {
    const id = (await run(createEvent(TYPE, props('hA')))).PhysicalResourceId!;
    jobs.set('import-1', { ...jobs.get('import-1'), Status: status as any });
    cognito.resetHistory();
    await expect(run(deleteEvent(TYPE, id, props('hA')), 'request-2')).resolves.toEqual({ PhysicalResourceId: id });
    expect(inputs(StopUserImportJobCommand)).toEqual([{ UserPoolId: POOL, JobId: 'import-1' }]);
  });

  test.each([
    ['a finished job', `${POOL}/import-job/import-1/run-${marker('alice')}`, ['DescribeUserImportJob']],
    ['an older library version\'s id', `${POOL}/import-job/import-1`, ['DescribeUserImportJob']],
    ['a job already gone', `${POOL}/import-job/import-9/ok-${marker('alice')}`, ['DescribeUserImportJob']],
    ['the framework\'s failed-Create marker', 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED', []],
    ['a request id', 'request-1', []],
    ['an id with no job', `${POOL}/import-job/none/ok-${marker('alice')}`, []],
  ])('%s: succeeds, makes no change', async (_name, id, calls) => {
    await deployed();
    await expect(run(deleteEvent(TYPE, id, props('hA')), 'request-2')).resolves.toEqual({ PhysicalResourceId: id });
    expect(ops()).toEqual(calls);
  });

  test('the pool is gone: succeeds', async () => {
    cognito.on(DescribeUserImportJobCommand).rejects(notFound('ResourceNotFoundException'));
    await expect(run(deleteEvent(TYPE, `${POOL}/import-job/import-1`, props('hA')))).resolves.toEqual({ PhysicalResourceId: `${POOL}/import-job/import-1` });
  });

  test('a job that ends between describe and stop: succeeds', async () => {
    const id = (await run(createEvent(TYPE, props('hA')))).PhysicalResourceId!;
    cognito.on(StopUserImportJobCommand).callsFakeOnce(() => {
      jobs.set('import-1', { ...jobs.get('import-1'), Status: 'Succeeded' });
      throw Object.assign(new Error('not running'), { name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
    });
    cognito.resetHistory();
    await expect(run(deleteEvent(TYPE, id, props('hA')), 'request-2')).resolves.toEqual({ PhysicalResourceId: id });
    expect(ops()).toEqual(['DescribeUserImportJob', 'StopUserImportJob', 'DescribeUserImportJob']);
  });
});

describe('isComplete', () => {
  const start = async () => {
    const event = createEvent(TYPE, props('hA'));
    const res = await run(event);
    cognito.resetHistory();
    return { event, res };
  };

  test('a running job before its deadline is not complete yet', async () => {
    const { event, res } = await start();
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2030-01-01T00:39:59Z'));
    await expect(wait(event, res)).resolves.toEqual({ IsComplete: false });
    expect(inputs(DescribeUserImportJobCommand)).toEqual([{ UserPoolId: POOL, JobId: 'import-1' }]);
  });

  test('a job still running at its deadline is stopped and the deployment fails saying so', async () => {
    const { event, res } = await start();
    jobs.set('import-1', { ...jobs.get('import-1'), Status: 'InProgress', ImportedUsers: 7 });
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2030-01-01T00:40:00Z'));
    await expect(wait(event, res)).rejects.toThrow(
      'User import job import-1 did not finish within 40 minutes (CloudFormation waits at most 1 hour for a custom resource); '
      + 'it was stopped at 7 imported, 0 skipped, 0 failed. The users it imported stay in the pool and are not imported again: '
      + 'deploy again to import the rest, or split the file into smaller imports; see its log in CloudWatch Logs: '
      + `log group /aws/cognito/userpools/${POOL}/<pool name>, log stream import-1/${jobName('request-1')}`);
    expect(ops()).toEqual(['DescribeUserImportJob', 'DescribeUserImportJob', 'StopUserImportJob']);
    expect(jobs.get('import-1')!.Status).toEqual('Stopped');
    // The rollback's Delete then finds the job stopped: nothing to do
    cognito.resetHistory();
    await run(deleteEvent(TYPE, res.PhysicalResourceId!, props('hA')), 'request-1');
    expect(ops()).toEqual(['DescribeUserImportJob']);
  });

  test('a job that succeeded with no failed user is complete', async () => {
    const { event, res } = await start();
    finish('import-1');
    await expect(wait(event, res)).resolves.toEqual({ IsComplete: true });
  });

  test.each(['Failed', 'Stopped', 'Expired', 'Succeeded'])('a job that ended %s with failures names the counts and the log', async (status) => {
    const { event, res } = await start();
    jobs.set('import-1', { ...jobs.get('import-1'), Status: status as any, ImportedUsers: 5, SkippedUsers: 1, FailedUsers: 2, CompletionMessage: 'Some users failed' });
    await expect(wait(event, res)).rejects.toThrow(
      `User import job import-1 ended ${status}: 5 imported, 1 skipped, 2 failed (Some users failed); see its log in CloudWatch Logs: `
      + `log group /aws/cognito/userpools/${POOL}/<pool name>, log stream import-1/${jobName('request-1')}`);
  });

  test('no new job and delete are complete at once, with no call', async () => {
    const event = createEvent(TYPE, props('hA'));
    await expect(wait({ ...event, RequestType: 'Update' }, { PhysicalResourceId: `${POOL}/import-job/import-1`, Data: { NewJob: 'false' } })).resolves.toEqual({ IsComplete: true });
    await expect(wait({ ...event, RequestType: 'Delete' }, { PhysicalResourceId: `${POOL}/import-job/import-1`, Data: {} })).resolves.toEqual({ IsComplete: true });
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('properties: new ones strict, old ones lenient', () => {
  const ALLOWED = 'UserPoolId, JobName, CloudWatchLogsRoleArn, CsvBucket, CsvKey, DataHash';

  test.each([
    ['Create', () => createEvent(TYPE, props('hA', { CsvEncoding: 'utf8' }))],
    ['Update', () => updateEvent(TYPE, `${POOL}/import-job/import-1/ok-${marker('alice')}`, props('hA'), props('hAB', { CsvEncoding: 'utf8' }))],
  ])('an unknown new property fails the %s before any call, naming it', async (_name, event) => {
    await expect(run(event())).rejects.toThrow(new Error(`Unknown property CsvEncoding; allowed: ${ALLOWED}`));
    expect(cognito.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  test('a malformed new property fails before any call, naming it', async () => {
    await expect(run(createEvent(TYPE, props('hA', { CsvKey: ['hA.csv'] })))).rejects.toThrow(
      new Error('Invalid property CsvKey: received ["hA.csv"]; expected a non-empty string'));
    expect(cognito.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('an older version\'s old properties (an unknown name) are read: the same data is no change, no call', async () => {
    const id = await deployed();
    const res = await run(updateEvent(TYPE, id, props('hA', { ImportMode: 'full' }), props('hA')), 'request-2');
    expect(res).toEqual({ PhysicalResourceId: id, Data: { JobId: 'import-1', NewJob: 'false' } });
    expect(cognito.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('an older version\'s old properties and rows appended: the job gets only the new rows', async () => {
    const id = await deployed();
    const res = await run(updateEvent(TYPE, id, props('hA', { ImportMode: 'full' }), props('hAB')), 'request-2');
    expect(res.PhysicalResourceId).toEqual(`${POOL}/import-job/import-2/run-${marker('alice', 'bob')}/ok-${marker('alice')}`);
    expect(ops()).toEqual(['DescribeUserImportJob', 'AdminGetUser', 'GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'StartUserImportJob']);
    expect(uploads.get('import-2')).toEqual(`${HEAD}\n${ROW('bob')}\n`);
  });

  test('malformed old properties (the rollback of a rejected update): what was imported is read from the id; no job', async () => {
    const id = await deployed();
    const rollback = updateEvent(TYPE, id, { ...props('hA'), UserPoolId: ['us-east-1_pool'], DataHash: '' }, props('hA'));
    const res = await run(rollback, 'request-2');
    expect(res).toEqual({ PhysicalResourceId: `${POOL}/import-job/import-1/ok-${marker('alice')}`, Data: { JobId: 'import-1', NewJob: 'false' } });
    expect(ops()).toEqual(['DescribeUserImportJob']);
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'assets', Key: 'hA.csv' }]);
    expect(fetchMock).not.toHaveBeenCalled();
    cognito.resetHistory();
    await expect(wait(rollback, res)).resolves.toEqual({ IsComplete: true });
    expect(cognito.calls()).toHaveLength(0);
  });

  test('malformed old properties and rows appended: only the rows not in the pool are imported', async () => {
    const id = await deployed();
    const res = await run(updateEvent(TYPE, id, { UserPoolId: POOL, DataHash: 42 }, props('hAB')), 'request-2');
    expect(res.PhysicalResourceId).toEqual(`${POOL}/import-job/import-2/run-${marker('alice', 'bob')}/ok-${marker('alice')}`);
    expect(ops()).toEqual(['DescribeUserImportJob', 'AdminGetUser', 'GetCSVHeader', 'ListUserImportJobs', 'CreateUserImportJob', 'StartUserImportJob']);
    expect(inputs(AdminGetUserCommand)).toEqual([{ UserPoolId: POOL, Username: 'bob' }]);
    expect(uploads.get('import-2')).toEqual(`${HEAD}\n${ROW('bob')}\n`);
  });

  test('a Delete with malformed properties stops the job its physical id names', async () => {
    const id = (await run(createEvent(TYPE, props('hA')))).PhysicalResourceId!;
    cognito.resetHistory();
    s3.resetHistory();
    await expect(run(deleteEvent(TYPE, id, { UserPoolId: { Ref: 'Pool' }, Unknown: 'x' }), 'request-2')).resolves.toEqual({ PhysicalResourceId: id });
    expect(ops()).toEqual(['DescribeUserImportJob', 'StopUserImportJob']);
    expect(inputs(StopUserImportJobCommand)).toEqual([{ UserPoolId: POOL, JobId: 'import-1' }]);
    expect(jobs.get('import-1')!.Status).toEqual('Stopped');
    expect(s3.calls()).toHaveLength(0);
  });
});
