import * as iam from 'aws-cdk-lib/aws-iam';

/** Cognito's service principal: the service a role passed to a user pool is passed to. */
export const COGNITO_SERVICE = 'cognito-idp.amazonaws.com';

/**
 * Lets `grantee` pass `role`, to `service` only (`iam:PassedToService`): the permission cannot
 * hand the role to another service (a Lambda function, an EC2 instance) that would then act with it.
 */
export function grantPassRoleTo(role: iam.IRole, grantee: iam.IGrantable, service: string): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['iam:PassRole'],
    resourceArns: [role.roleArn],
    conditions: { StringEquals: { 'iam:PassedToService': service } },
  });
}
