/**
 * `Custom::CognitoUserImportJob`: imports users from a CSV file (a CDK asset) with a user import
 * job: GetCSVHeader (the file's header must match the pool's) → CreateUserImportJob → HTTP PUT of
 * the file to the job's pre-signed URL → StartUserImportJob. The waiter provider's isComplete
 * (./wait.ts) then polls the job.
 *
 * Import jobs only ever create users. An update imports only the rows not imported before: the
 * physical id remembers which rows are in the pool (./state.ts), rows beyond those are looked up
 * in the pool, and a job runs only for rows whose user does not exist yet. A rollback to data
 * already imported therefore runs no job. Removing rows deletes nobody.
 *
 * A job is named after the CloudFormation request, so a retried Create or Update (the framework
 * re-invokes after an error; a write whose answer was lost) finds the job it already made and
 * carries on with it instead of starting a second one.
 */
import {
  AdminGetUserCommand, CreateUserImportJobCommand, DescribeUserImportJobCommand, GetCSVHeaderCommand, ListUserImportJobsCommand,
  StartUserImportJobCommand, StopUserImportJobCommand, UserImportJobType,
} from '@aws-sdk/client-cognito-identity-provider';
import { checkKnown, requireString } from '../shared/cfn-values';
import { isNotFound } from '../shared/cognito';
import { fingerprint } from '../shared/fingerprint';
import { isRetryable } from '../shared/retry';
import { readS3Object } from '../shared/s3-object';
import type { HandlerContext, RawProperties, ResourceModule, ResourceResult } from '../shared/types';
import { compareHeader, CsvRecord, parseCsv } from './csv';
import {
  coveredRows, formatState, ImportJobState, isJobId, Marker, markerAt, mergeMarkers, parseState, usernameChain,
} from './state';
import { uploadCsv } from './upload';

export const USER_IMPORT_JOB_RESOURCE_TYPE = 'Custom::CognitoUserImportJob';
/** Job states in which StopUserImportJob applies. */
export const RUNNING_STATES = ['Pending', 'InProgress'];
/**
 * How long a job may run before the waiter stops it and fails the deployment. CloudFormation
 * gives up on a custom resource after 1 hour; onEvent may take up to 14 minutes before the waiter
 * starts, whose total timeout is 45 minutes (lib/private/extra-providers.ts): 40 minutes leaves
 * the waiter room to stop the job and report why before either limit.
 */
export const JOB_DEADLINE_MINUTES = 40;
/** Rows an update looks up in the pool (AdminGetUser) at most; beyond this the job's own "user already exists" skip applies. */
export const MAX_EXISTENCE_CHECKS = 5000;
/** CreateUserImportJob attempts: each after a look-up for a job an earlier, lost attempt made. */
const CREATE_ATTEMPTS = 5;

export interface UserImportJobSpec {
  readonly userPoolId: string;
  /** The base of the job names (each job's name adds a digest of its CloudFormation request). */
  readonly jobName: string;
  readonly cloudWatchLogsRoleArn: string;
  readonly csvBucket: string;
  readonly csvKey: string;
  /** The CSV's content hash: an unchanged hash means no call at all. */
  readonly dataHash: string;
}

/** Every property the construct emits; strict parsing refuses any other. Never drop a name: a rollback sends an older version's. */
const PROPERTIES = ['UserPoolId', 'JobName', 'CloudWatchLogsRoleArn', 'CsvBucket', 'CsvKey', 'DataHash'] as const;

export const userImportJobModule: ResourceModule<UserImportJobSpec> = {
  resourceType: USER_IMPORT_JOB_RESOURCE_TYPE,

  parse: (raw) => parseSpec(raw, true),
  parseOld: (raw) => parseSpec(raw, false),

  async onCreate(props, ctx) {
    const file = await loadCsv(props);
    return runJob(props, ctx, file, file.rows, { imported: [] });
  },

  async onUpdate(props, oldProps, physicalId, ctx) {
    const state = parseState(physicalId);
    // Unusable old properties (an older version's, a rejected update's) are no obstacle: what
    // was imported is read from the physical id and the pool.
    if (oldProps !== undefined && props.userPoolId === oldProps.userPoolId && props.dataHash === oldProps.dataHash) {
      return { physicalId, data: { JobId: state?.jobId ?? '', NewJob: 'false' } };
    }
    const file = await loadCsv(props);
    if (state === undefined || state.userPoolId !== props.userPoolId) {
      // Another pool (or an id this resource never wrote): nothing of it is in this pool yet.
      return runJob(props, ctx, file, file.rows, { imported: [] });
    }
    const known = await importedMarkers(state, ctx);
    const covered = coveredRows(file.chain, known);
    const rest = file.rows.slice(covered);
    const missing = await notInPool(props.userPoolId, rest, file.usernameIndex, ctx);
    ctx.log.info('Rows of the new file', {
      rows: file.rows.length, importedBefore: covered, alreadyInPool: rest.length - missing.length, toImport: missing.length,
    });
    if (missing.length === 0) {
      // Every row is in the pool already (a rollback, rows removed): no job.
      const next: ImportJobState = { userPoolId: props.userPoolId, jobId: state.jobId, imported: mergeMarkers(file.marker, known) };
      return { physicalId: formatState(next), data: { JobId: state.jobId, NewJob: 'false' } };
    }
    return runJob(props, ctx, file, missing, { imported: known });
  },

  async onDelete(_props, physicalId, ctx) {
    // Only an id this resource wrote names a job; anything else (the framework's failed-Create
    // marker, a request id) has nothing to stop.
    const state = parseState(physicalId);
    if (state === undefined || !isJobId(state.jobId)) {
      ctx.log.info(`Physical id ${physicalId} names no import job: nothing to stop`);
      return;
    }
    await stopIfRunning(state.userPoolId, state.jobId, ctx);
  },
};

function parseSpec(raw: RawProperties, strict: boolean): UserImportJobSpec {
  checkKnown(strict, raw, PROPERTIES);
  return {
    userPoolId: requireString(raw, 'UserPoolId'),
    jobName: requireString(raw, 'JobName'),
    cloudWatchLogsRoleArn: requireString(raw, 'CloudWatchLogsRoleArn'),
    csvBucket: requireString(raw, 'CsvBucket'),
    csvKey: requireString(raw, 'CsvKey'),
    dataHash: requireString(raw, 'DataHash'),
  };
}

interface LoadedCsv {
  readonly bytes: Uint8Array;
  readonly header: CsvRecord;
  readonly rows: CsvRecord[];
  readonly usernameIndex: number;
  /** The username chain of every row (./state.ts). */
  readonly chain: string[];
  /** The marker of the whole file. */
  readonly marker: Marker;
}

async function loadCsv(props: UserImportJobSpec): Promise<LoadedCsv> {
  const bytes = await readS3Object({ bucket: props.csvBucket, key: props.csvKey });
  const { header, rows } = parseCsv(Buffer.from(bytes).toString('utf8'));
  const usernameIndex = header.fields.map((f) => f.trim()).indexOf('cognito:username');
  const chain = usernameChain(rows.map((r) => r.fields[usernameIndex] ?? ''));
  return { bytes, header, rows, usernameIndex, chain, marker: markerAt(chain, rows.length) };
}

/** The markers of rows known to be in the pool: `ok-` ones, and the last job's file once that job succeeded. */
async function importedMarkers(state: ImportJobState, ctx: HandlerContext): Promise<Marker[]> {
  if (!state.running || !isJobId(state.jobId)) return [...state.imported];
  const job = await describeJob(state.userPoolId, state.jobId, ctx);
  const succeeded = job?.Status === 'Succeeded' && !job.FailedUsers;
  if (!succeeded) ctx.log.info(`Import job ${state.jobId} is ${job?.Status ?? 'gone'}: its rows are looked up in the pool`);
  return succeeded ? mergeMarkers(state.running, state.imported) : [...state.imported];
}

/** The rows whose user does not exist in the pool (all of them when there are too many to look up). */
async function notInPool(userPoolId: string, rows: CsvRecord[], usernameIndex: number, ctx: HandlerContext): Promise<CsvRecord[]> {
  if (rows.length > MAX_EXISTENCE_CHECKS) {
    ctx.log.info(`${rows.length} rows not known as imported: more than ${MAX_EXISTENCE_CHECKS} to look up; the job skips users that already exist`);
    return rows;
  }
  const missing: CsvRecord[] = [];
  for (const row of rows) {
    try {
      await ctx.cognito.send('UserRead', new AdminGetUserCommand({ UserPoolId: userPoolId, Username: row.fields[usernameIndex] }));
    } catch (error) {
      if ((error as Error)?.name !== 'UserNotFoundException') throw error;
      missing.push(row);
    }
  }
  return missing;
}

async function runJob(
  props: UserImportJobSpec, ctx: HandlerContext, file: LoadedCsv, rows: CsvRecord[], before: { imported: Marker[] },
): Promise<ResourceResult> {
  const header = await ctx.cognito.send('UserPoolResourceRead', new GetCSVHeaderCommand({ UserPoolId: props.userPoolId }));
  const { missing, unknown } = compareHeader(header.CSVHeader ?? [], file.header.fields.map((c) => c.trim()));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`The CSV header does not match user pool ${props.userPoolId} (GetCSVHeader): `
      + `missing columns [${missing.join(', ')}]; unknown columns [${unknown.join(', ')}]`);
  }
  // The whole file as uploaded, or the header and the rows not imported before.
  const body = rows.length === file.rows.length
    ? file.bytes
    : new Uint8Array(Buffer.from([file.header.raw, ...rows.map((r) => r.raw)].join('\n') + '\n'));
  const name = jobNameFor(props.jobName, ctx);
  const job = await createOrFindJob(props, name, ctx);
  const jobId = job.JobId!;
  if (job.Status === 'Created') {
    const url = job.PreSignedUrl ?? (await describeJob(props.userPoolId, jobId, ctx))?.PreSignedUrl;
    if (!url) throw new Error(`Import job ${jobId} has no upload URL`);
    await uploadCsv(url, body);
    await startJob(props.userPoolId, jobId, ctx);
    ctx.log.info(`Import job ${jobId} started`, { rows: rows.length, bytes: body.byteLength });
  } else {
    ctx.log.info(`Import job ${jobId} (${name}) was already started by an earlier attempt of this request: ${job.Status}`);
  }
  const created = job.CreationDate ? new Date(job.CreationDate).getTime() : Date.now();
  const state: ImportJobState = { userPoolId: props.userPoolId, jobId, running: file.marker, imported: before.imported };
  return {
    physicalId: formatState(state),
    data: { JobId: jobId, NewJob: 'true', Rows: String(rows.length), StopAfter: new Date(created + JOB_DEADLINE_MINUTES * 60_000).toISOString() },
  };
}

/** The job's name: the declared name and a digest of the CloudFormation request (1 to 128 characters). */
export function jobNameFor(base: string, ctx: HandlerContext): string {
  const r = ctx.resource;
  if (!r) return base;
  return `${base.slice(0, 128 - 17)}-${fingerprint([r.stackId, r.logicalResourceId, r.requestId])}`;
}

/**
 * The job of this request: one an earlier attempt made, or a new one. CreateUserImportJob is
 * not retried blindly: after a failed attempt (its answer may be lost while the job exists) the
 * jobs are listed again first.
 */
async function createOrFindJob(props: UserImportJobSpec, name: string, ctx: HandlerContext): Promise<UserImportJobType> {
  for (let attempt = 1; ; attempt++) {
    const found = await findJob(props.userPoolId, name, ctx);
    if (found) return found;
    try {
      // Straight to the client: the shared retry would re-send a create whose answer was lost.
      const res = await ctx.cognito.client.send(new CreateUserImportJobCommand({
        UserPoolId: props.userPoolId, JobName: name, CloudWatchLogsRoleArn: props.cloudWatchLogsRoleArn,
      }));
      const job = res.UserImportJob;
      if (!job?.JobId || !job.PreSignedUrl) throw new Error('CreateUserImportJob returned no job id or upload URL');
      return { ...job, Status: job.Status ?? 'Created' };
    } catch (error) {
      if (!isRetryable(error) || attempt >= CREATE_ATTEMPTS) throw error;
      ctx.log.info(`CreateUserImportJob attempt ${attempt} failed (${(error as Error).name}); looking for the job before trying again`);
    }
  }
}

/** The job named `name` (the one that started first if an earlier failure left two). */
async function findJob(userPoolId: string, name: string, ctx: HandlerContext): Promise<UserImportJobType | undefined> {
  const matches: UserImportJobType[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.cognito.send('UserPoolResourceRead', new ListUserImportJobsCommand({ UserPoolId: userPoolId, MaxResults: 60, PaginationToken: token }));
    matches.push(...(page.UserImportJobs ?? []).filter((j) => j.JobName === name));
    token = page.PaginationToken;
  } while (token);
  const started = matches.filter((j) => j.Status !== 'Created');
  return started[0] ?? matches[0];
}

async function startJob(userPoolId: string, jobId: string, ctx: HandlerContext): Promise<void> {
  try {
    await ctx.cognito.send('UserPoolResourceUpdate', new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: jobId }));
  } catch (error) {
    // A retried start whose first answer was lost meets a job that is no longer Created.
    const job = await describeJob(userPoolId, jobId, ctx);
    if (!job || job.Status === 'Created') throw error;
  }
}

async function describeJob(userPoolId: string, jobId: string, ctx: HandlerContext): Promise<UserImportJobType | undefined> {
  try {
    const res = await ctx.cognito.send('UserPoolResourceRead', new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: jobId }));
    return res.UserImportJob;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Stops the job if it is still running; a job that ended or is gone (or its pool) is done. Returns the status it had. */
export async function stopIfRunning(userPoolId: string, jobId: string, ctx: HandlerContext): Promise<string | undefined> {
  const job = await describeJob(userPoolId, jobId, ctx);
  const status = job?.Status;
  if (!status || !RUNNING_STATES.includes(status)) return status;
  try {
    await ctx.cognito.send('UserPoolResourceUpdate', new StopUserImportJobCommand({ UserPoolId: userPoolId, JobId: jobId }));
    ctx.log.info(`Import job ${jobId} stopped (was ${status})`);
  } catch (error) {
    // It may have ended between the two calls.
    const now = await describeJob(userPoolId, jobId, ctx);
    if (now?.Status && RUNNING_STATES.includes(now.Status)) throw error;
  }
  return status;
}

/** The job id of a physical id this resource wrote (current or older form), or undefined. */
export function jobIdOf(physicalId: string): string | undefined {
  const state = parseState(physicalId);
  return state && isJobId(state.jobId) ? state.jobId : undefined;
}
