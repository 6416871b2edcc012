import {
  CognitoIdentityProviderClient, CreateUserImportJobCommand, DescribeUserImportJobCommand, GetCSVHeaderCommand,
  StartUserImportJobCommand, StopUserImportJobCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { dispatch } from '../../custom-resources/router';
import { userImportJobModule } from '../../custom-resources/user-import-job';
import { checkComplete } from '../../custom-resources/waiter';
import { createEvent, deleteEvent, testContext, updateEvent } from './context';

const cognito = mockClient(CognitoIdentityProviderClient);
const s3 = mockClient(S3Client);
const TYPE = 'Custom::CognitoUserImportJob';
const POOL = 'us-east-1_pool';
const ID = `${POOL}/import-job/import-1`;
const URL = 'https://upload.example/import-1?X-Amz-Signature=sig';
const HEADER = ['cognito:username', 'email', 'email_verified', 'cognito:mfa_enabled'];
const CSV = 'cognito:username,email,email_verified,cognito:mfa_enabled\nalice,alice@example.com,true,false\n';
const props = (hash = 'h1', extra: object = {}) => ({
  UserPoolId: POOL, JobName: 'seed', CloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/import-logs',
  CsvBucket: 'assets', CsvKey: `${hash}.csv`, DataHash: hash, ...extra,
});
const run = (event: any) => dispatch(event, testContext(), [userImportJobModule]);
let fetchMock: jest.SpyInstance;

function ops(): string[] {
  return cognito.calls().map((c) => (c.args[0] as any).constructor.name.replace(/Command$/, ''));
}

beforeEach(() => {
  cognito.reset();
  s3.reset();
  s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(Buffer.from(CSV)) } } as any);
  cognito.on(GetCSVHeaderCommand).resolves({ CSVHeader: HEADER });
  cognito.on(CreateUserImportJobCommand).resolves({ UserImportJob: { JobId: 'import-1', PreSignedUrl: URL } });
  cognito.on(StartUserImportJobCommand).resolves({});
  cognito.on(StopUserImportJobCommand).resolves({});
  fetchMock = jest.spyOn(global, 'fetch').mockResolvedValue(new Response(null, { status: 200 }));
});

afterEach(() => fetchMock.mockRestore());

describe('Custom::CognitoUserImportJob onEvent', () => {
  test('create checks the header, creates the job, uploads the CSV with KMS encryption, starts it', async () => {
    await expect(run(createEvent(TYPE, props()))).resolves.toEqual({ PhysicalResourceId: ID, Data: { JobId: 'import-1', NewJob: 'true' } });
    expect(ops()).toEqual(['GetCSVHeader', 'CreateUserImportJob', 'StartUserImportJob']);
    expect(cognito.commandCalls(CreateUserImportJobCommand)[0].args[0].input).toEqual({
      UserPoolId: POOL, JobName: 'seed', CloudWatchLogsRoleArn: 'arn:aws:iam::111111111111:role/import-logs',
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toEqual(URL);
    expect(init).toEqual(expect.objectContaining({ method: 'PUT', headers: expect.objectContaining({ 'x-amz-server-side-encryption': 'aws:kms' }) }));
    expect(Buffer.from(init.body).toString()).toEqual(CSV);
  });

  test('a header that does not match GetCSVHeader fails listing missing and unknown columns, before any job', async () => {
    cognito.on(GetCSVHeaderCommand).resolves({ CSVHeader: [...HEADER, 'phone_number'] });
    s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(Buffer.from('cognito:username,email,email_verified,cognito:mfa_enabled,custom:nope\n')) } } as any);
    await expect(run(createEvent(TYPE, props()))).rejects.toThrow(
      'The CSV header does not match user pool us-east-1_pool (GetCSVHeader): missing columns [phone_number]; unknown columns [custom:nope]');
    expect(ops()).toEqual(['GetCSVHeader']);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  test('a failed upload fails without the signed URL in the message', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 403 }));
    const err = await run(createEvent(TYPE, props())).catch((e) => e);
    expect(err.message).toEqual("Uploading the CSV to the import job's pre-signed URL failed: HTTP 403");
    expect(cognito.commandCalls(StartUserImportJobCommand)).toHaveLength(0);
  });

  test('a no-op update (same data) makes no call', async () => {
    await expect(run(updateEvent(TYPE, ID, props(), props('h1', { CsvBucket: 'moved' }))))
      .resolves.toEqual({ PhysicalResourceId: ID, Data: { JobId: 'import-1', NewJob: 'false' } });
    expect(cognito.calls()).toHaveLength(0);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  test.each([['an update with new data', 'h1', 'h2'], ['rollback (old/new swapped)', 'h2', 'h1']])('%s runs a new job under a new physical id', async (_n, before, after) => {
    cognito.on(CreateUserImportJobCommand).resolves({ UserImportJob: { JobId: 'import-2', PreSignedUrl: URL } });
    const res = await run(updateEvent(TYPE, ID, props(before), props(after)));
    expect(res.PhysicalResourceId).toEqual(`${POOL}/import-job/import-2`);
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input.Key).toEqual(`${after}.csv`);
    expect(ops()).toEqual(['GetCSVHeader', 'CreateUserImportJob', 'StartUserImportJob']);
  });

  test.each(['Pending', 'InProgress'])('delete (or the rollback of a new job) stops a job still %s', async (status) => {
    cognito.on(DescribeUserImportJobCommand).resolves({ UserImportJob: { Status: status as any } });
    await run(deleteEvent(TYPE, ID, props()));
    expect(cognito.commandCalls(StopUserImportJobCommand).map((c) => c.args[0].input)).toEqual([{ UserPoolId: POOL, JobId: 'import-1' }]);
  });

  test('delete of a finished job makes no change', async () => {
    cognito.on(DescribeUserImportJobCommand).resolves({ UserImportJob: { Status: 'Succeeded' } });
    await run(deleteEvent(TYPE, ID, props()));
    expect(ops()).toEqual(['DescribeUserImportJob']);
  });

  test('delete of a job (or pool) already gone succeeds', async () => {
    cognito.on(DescribeUserImportJobCommand).rejects(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }));
    await expect(run(deleteEvent(TYPE, ID, props()))).resolves.toEqual({ PhysicalResourceId: ID });
  });
});

describe('Custom::CognitoUserImportJob isComplete', () => {
  const waitEvent = (data: { [key: string]: string }, requestType: 'Create' | 'Update' | 'Delete' = 'Create') => ({
    ...createEvent(TYPE, props()), RequestType: requestType, PhysicalResourceId: ID, Data: data,
  });

  test('a running job is not complete yet', async () => {
    cognito.on(DescribeUserImportJobCommand).resolves({ UserImportJob: { Status: 'InProgress' } });
    await expect(checkComplete(waitEvent({ NewJob: 'true' }), testContext())).resolves.toEqual({ IsComplete: false });
    expect(cognito.commandCalls(DescribeUserImportJobCommand)[0].args[0].input).toEqual({ UserPoolId: POOL, JobId: 'import-1' });
  });

  test('a job that succeeded with no failed user is complete', async () => {
    cognito.on(DescribeUserImportJobCommand).resolves({ UserImportJob: { Status: 'Succeeded', ImportedUsers: 3 } });
    await expect(checkComplete(waitEvent({ NewJob: 'true' }), testContext())).resolves.toEqual({ IsComplete: true });
  });

  test.each(['Failed', 'Stopped', 'Expired', 'Succeeded'])('a job that ended %s with failures names the counts and the log group', async (status) => {
    cognito.on(DescribeUserImportJobCommand).resolves({
      UserImportJob: { Status: status as any, ImportedUsers: 5, SkippedUsers: 1, FailedUsers: 2, CompletionMessage: 'Some users failed' },
    });
    await expect(checkComplete(waitEvent({ NewJob: 'true' }), testContext())).rejects.toThrow(
      `User import job import-1 ended ${status}: 5 imported, 1 skipped, 2 failed (Some users failed); see its log in CloudWatch Logs under /aws/cognito/userpools/us-east-1_pool`);
  });

  test('no new job (a no-op update) and delete are complete at once, with no call', async () => {
    await expect(checkComplete(waitEvent({ NewJob: 'false' }, 'Update'), testContext())).resolves.toEqual({ IsComplete: true });
    await expect(checkComplete(waitEvent({}, 'Delete'), testContext())).resolves.toEqual({ IsComplete: true });
    expect(cognito.calls()).toHaveLength(0);
  });
});
