/**
 * isComplete for `Custom::CognitoUserImportJob`: polls DescribeUserImportJob until the job ends.
 * Success only when it succeeded with no failed user; otherwise the error names the counts and
 * where the job's log is.
 */
import { DescribeUserImportJobCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { HandlerContext } from '../shared/types';
import { jobIdOf, USER_IMPORT_JOB_RESOURCE_TYPE, UserImportJobSpec, userImportJobModule } from './index';

const ENDED_BADLY = ['Failed', 'Stopped', 'Expired'];

export const userImportJobWaiter = {
  resourceType: USER_IMPORT_JOB_RESOURCE_TYPE,
  parse: userImportJobModule.parse,
  async isComplete(props: UserImportJobSpec, physicalId: string, data: { [key: string]: string }, ctx: HandlerContext): Promise<boolean> {
    if (data.NewJob === 'false') return true;
    const jobId = jobIdOf(physicalId);
    const res = await ctx.cognito.send('UserPoolResourceRead', new DescribeUserImportJobCommand({ UserPoolId: props.userPoolId, JobId: jobId }));
    const job = res.UserImportJob ?? {};
    const counts = `${job.ImportedUsers ?? 0} imported, ${job.SkippedUsers ?? 0} skipped, ${job.FailedUsers ?? 0} failed`;
    if (job.Status === 'Succeeded' && !job.FailedUsers) {
      ctx.log.info(`Import job ${jobId} succeeded: ${counts}`);
      return true;
    }
    if (job.Status === 'Succeeded' || ENDED_BADLY.includes(job.Status ?? '')) {
      throw new Error(`User import job ${jobId} ended ${job.Status}: ${counts}`
        + `${job.CompletionMessage ? ` (${job.CompletionMessage})` : ''}; `
        + `see its log in CloudWatch Logs under /aws/cognito/userpools/${props.userPoolId}`);
    }
    ctx.log.info(`Import job ${jobId}: ${job.Status}`);
    return false;
  },
};
