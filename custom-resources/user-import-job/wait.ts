/**
 * isComplete for `Custom::CognitoUserImportJob`: polls DescribeUserImportJob until the job ends.
 * Success only when it succeeded with no failed user; otherwise the error names the counts and
 * where the job's log is. A job still running at its deadline (`StopAfter`, set by onEvent to fit
 * CloudFormation's 1-hour limit) is stopped and the deployment fails saying so: CloudFormation
 * would otherwise give up on the resource and leave the job running.
 */
import { DescribeUserImportJobCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { HandlerContext } from '../shared/types';
import { JOB_DEADLINE_MINUTES, jobIdOf, RUNNING_STATES, stopIfRunning, USER_IMPORT_JOB_RESOURCE_TYPE, UserImportJobSpec, userImportJobModule } from './index';

const ENDED_BADLY = ['Failed', 'Stopped', 'Expired'];

export const userImportJobWaiter = {
  resourceType: USER_IMPORT_JOB_RESOURCE_TYPE,
  parse: userImportJobModule.parse,
  async isComplete(props: UserImportJobSpec, physicalId: string, data: { [key: string]: string }, ctx: HandlerContext): Promise<boolean> {
    if (data.NewJob === 'false') return true;
    const jobId = jobIdOf(physicalId);
    if (!jobId) throw new Error(`Physical id ${physicalId} names no import job to wait for`);
    const res = await ctx.cognito.send('UserPoolResourceRead', new DescribeUserImportJobCommand({ UserPoolId: props.userPoolId, JobId: jobId }));
    const job = res.UserImportJob ?? {};
    const counts = `${job.ImportedUsers ?? 0} imported, ${job.SkippedUsers ?? 0} skipped, ${job.FailedUsers ?? 0} failed`;
    const log = `see its log in CloudWatch Logs: log group /aws/cognito/userpools/${props.userPoolId}/<pool name>, `
      + `log stream ${jobId}/${job.JobName ?? props.jobName}`;
    if (job.Status === 'Succeeded' && !job.FailedUsers) {
      ctx.log.info(`Import job ${jobId} succeeded: ${counts}`);
      return true;
    }
    if (job.Status === 'Succeeded' || ENDED_BADLY.includes(job.Status ?? '')) {
      throw new Error(`User import job ${jobId} ended ${job.Status}: ${counts}`
        + `${job.CompletionMessage ? ` (${job.CompletionMessage})` : ''}; ${log}`);
    }
    const stopAfter = data.StopAfter ? Date.parse(data.StopAfter) : NaN;
    if (Date.now() >= stopAfter) {
      const was = await stopIfRunning(props.userPoolId, jobId, ctx);
      throw new Error(`User import job ${jobId} did not finish within ${JOB_DEADLINE_MINUTES} minutes `
        + '(CloudFormation waits at most 1 hour for a custom resource); '
        + `${was && RUNNING_STATES.includes(was) ? 'it was stopped' : `its status was ${was ?? 'gone'}`} at ${counts}. `
        + 'The users it imported stay in the pool and are not imported again: deploy again to import the rest, '
        + `or split the file into smaller imports; ${log}`);
    }
    ctx.log.info(`Import job ${jobId}: ${job.Status}`);
    return false;
  },
};
