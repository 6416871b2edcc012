/**
 * `Custom::CognitoUserImportJob`: imports users from a CSV file (a CDK asset) with a user import
 * job: GetCSVHeader (the file's header must match the pool's) → CreateUserImportJob → HTTP PUT of
 * the file to the job's pre-signed URL → StartUserImportJob. The waiter provider's isComplete
 * (./wait.ts) then polls the job. A new job runs only when the data changed; deleting (or
 * rolling back) a job still running stops it.
 */
import {
  CreateUserImportJobCommand, DescribeUserImportJobCommand, GetCSVHeaderCommand, StartUserImportJobCommand, StopUserImportJobCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { requireString } from '../shared/cfn-values';
import { isNotFound } from '../shared/cognito';
import { readS3Object } from '../shared/s3-object';
import type { HandlerContext, ResourceModule, ResourceResult } from '../shared/types';
import { compareHeader, csvColumns } from './csv';
import { uploadCsv } from './upload';

export const USER_IMPORT_JOB_RESOURCE_TYPE = 'Custom::CognitoUserImportJob';
/** Job states in which StopUserImportJob applies. */
export const RUNNING_STATES = ['Pending', 'InProgress'];

export interface UserImportJobSpec {
  readonly userPoolId: string;
  readonly jobName: string;
  readonly cloudWatchLogsRoleArn: string;
  readonly csvBucket: string;
  readonly csvKey: string;
  /** The CSV's content hash: a new job runs only when it changes. */
  readonly dataHash: string;
}

export const userImportJobModule: ResourceModule<UserImportJobSpec> = {
  resourceType: USER_IMPORT_JOB_RESOURCE_TYPE,

  parse: (raw) => ({
    userPoolId: requireString(raw, 'UserPoolId'),
    jobName: requireString(raw, 'JobName'),
    cloudWatchLogsRoleArn: requireString(raw, 'CloudWatchLogsRoleArn'),
    csvBucket: requireString(raw, 'CsvBucket'),
    csvKey: requireString(raw, 'CsvKey'),
    dataHash: requireString(raw, 'DataHash'),
  }),

  onCreate: (props, ctx) => startJob(props, ctx),

  async onUpdate(props, oldProps, physicalId, ctx) {
    // TODO(user-import-job owner): unusable old properties (a rollback's rejected ones, an older version's): converge from the live state.
    if (oldProps === undefined) throw new Error('The previous properties are unusable and this resource type cannot yet converge without them');
    if (props.userPoolId === oldProps.userPoolId && props.dataHash === oldProps.dataHash) {
      return { physicalId, data: { JobId: jobIdOf(physicalId), NewJob: 'false' } };
    }
    // New data: a new job (a new physical id; CloudFormation then deletes the old one, a no-op once it finished).
    return startJob(props, ctx);
  },

  async onDelete(props, physicalId, ctx) {
    // TODO(user-import-job owner): unusable properties: delete by what the physical id says.
    if (props === undefined) throw new Error('The properties are unusable and this resource type cannot yet delete without them');
    const jobId = jobIdOf(physicalId);
    try {
      const res = await ctx.cognito.send('UserPoolResourceRead', new DescribeUserImportJobCommand({ UserPoolId: props.userPoolId, JobId: jobId }));
      const status = res.UserImportJob?.Status ?? '';
      if (!RUNNING_STATES.includes(status)) return;
      await ctx.cognito.send('UserPoolResourceUpdate', new StopUserImportJobCommand({ UserPoolId: props.userPoolId, JobId: jobId }));
      ctx.log.info(`Import job ${jobId} stopped (was ${status})`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  },
};

async function startJob(props: UserImportJobSpec, ctx: HandlerContext): Promise<ResourceResult> {
  const csv = await readS3Object({ bucket: props.csvBucket, key: props.csvKey });
  const header = await ctx.cognito.send('UserPoolResourceRead', new GetCSVHeaderCommand({ UserPoolId: props.userPoolId }));
  const { missing, unknown } = compareHeader(header.CSVHeader ?? [], csvColumns(Buffer.from(csv).toString('utf8')));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`The CSV header does not match user pool ${props.userPoolId} (GetCSVHeader): `
      + `missing columns [${missing.join(', ')}]; unknown columns [${unknown.join(', ')}]`);
  }
  const created = await ctx.cognito.send('UserPoolResourceUpdate', new CreateUserImportJobCommand({
    UserPoolId: props.userPoolId, JobName: props.jobName, CloudWatchLogsRoleArn: props.cloudWatchLogsRoleArn,
  }));
  const jobId = created.UserImportJob?.JobId;
  const url = created.UserImportJob?.PreSignedUrl;
  if (!jobId || !url) throw new Error('CreateUserImportJob returned no job id or upload URL');
  await uploadCsv(url, csv);
  await ctx.cognito.send('UserPoolResourceUpdate', new StartUserImportJobCommand({ UserPoolId: props.userPoolId, JobId: jobId }));
  ctx.log.info(`Import job ${jobId} started`, { bytes: csv.byteLength });
  return { physicalId: `${props.userPoolId}/import-job/${jobId}`, data: { JobId: jobId, NewJob: 'true' } };
}

export function jobIdOf(physicalId: string): string {
  return physicalId.split('/').pop() ?? physicalId;
}
