/**
 * Footprint: what a stack deploys for N declared users. This library's `User` (one custom
 * resource each) and `Users` (one custom resource for all) against aws-cdk-lib's
 * `AwsCustomResource` calling AdminCreateUser once per user; and a stack with an import job,
 * the only kind that adds the waiter provider's functions. Also the handler bundle's size.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cr from 'aws-cdk-lib/custom-resources';
import { User, UserImportJob, UserPool, Users } from '../lib';
import { Figure, verdict } from './stats';

const ENV = { account: '123456789012', region: 'us-east-1' };
const BUNDLE_BUDGET_KB = 700;

export interface StackCount {
  readonly label: string;
  readonly users: number;
  readonly lambdaFunctions: number;
  readonly resources: number;
  readonly iamPolicies: number;
  readonly templateKb: number;
}

type Declare = (stack: Stack, pool: cognito.IUserPool, count: number) => void;

const VARIANTS: { label: string; libraryPool: boolean; declare: Declare }[] = [
  {
    label: 'this library, `User` per user',
    libraryPool: true,
    declare: (stack, userPool, count) => {
      for (let i = 0; i < count; i++) {
        new User(stack, `User${i}`, { userPool, username: `user${i}`, email: `user${i}@example.com`, emailVerified: true, sendInvitation: false });
      }
    },
  },
  {
    label: 'this library, one `Users` of all',
    libraryPool: true,
    declare: (stack, userPool, count) => {
      new Users(stack, 'Users', {
        userPool,
        users: Array.from({ length: count }, (_, i) => ({ username: `user${i}`, email: `user${i}@example.com`, emailVerified: true, sendInvitation: false })),
      });
    },
  },
  {
    label: 'aws-cdk-lib `AwsCustomResource` per user',
    libraryPool: false,
    declare: (stack, userPool, count) => {
      for (let i = 0; i < count; i++) {
        const Username = `user${i}`;
        new cr.AwsCustomResource(stack, `User${i}`, {
          onCreate: {
            service: 'CognitoIdentityServiceProvider',
            action: 'adminCreateUser',
            parameters: {
              UserPoolId: userPool.userPoolId, Username, MessageAction: 'SUPPRESS',
              UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }, { Name: 'email_verified', Value: 'true' }],
            },
            physicalResourceId: cr.PhysicalResourceId.of(Username),
          },
          onDelete: {
            service: 'CognitoIdentityServiceProvider',
            action: 'adminDeleteUser',
            parameters: { UserPoolId: userPool.userPoolId, Username },
          },
          policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [userPool.userPoolArn] }),
          installLatestAwsSdk: false,
        });
      }
    },
  },
];

export const USER_COUNTS = [1, 10, 200];

function synthesize(libraryPool: boolean, declare: (stack: Stack, pool: cognito.IUserPool) => void): Omit<StackCount, 'label' | 'users'> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-footprint-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Footprint', { env: ENV });
    const pool = libraryPool ? new UserPool(stack, 'Pool') : new cognito.UserPool(stack, 'Pool');
    declare(stack, pool);
    const template = app.synth().getStackByName('Footprint').template as { Resources: { [id: string]: { Type: string } } };
    const types = Object.values(template.Resources).map((r) => r.Type);
    return {
      lambdaFunctions: types.filter((t) => t === 'AWS::Lambda::Function').length,
      resources: types.length,
      iamPolicies: types.filter((t) => t === 'AWS::IAM::Policy').length,
      templateKb: JSON.stringify(template).length / 1024,
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export function benchFootprint(): { figures: Figure[]; stacks: StackCount[]; bundleKb: number } {
  const stacks: StackCount[] = [];
  for (const variant of VARIANTS) {
    for (const users of USER_COUNTS) {
      stacks.push({ label: variant.label, users, ...synthesize(variant.libraryPool, (s, p) => variant.declare(s, p, users)) });
    }
  }
  const withImportJob: StackCount = {
    label: 'this library, 10 `User`s + an import job', users: 10,
    ...synthesize(true, (stack, userPool) => {
      VARIANTS[0].declare(stack, userPool, 10);
      new UserImportJob(stack, 'Import', { userPool, users: [{ username: 'imported', attributes: { email: 'imported@example.com', email_verified: 'true' } }] });
    }),
  };
  stacks.push(withImportJob);

  const ours = stacks.filter((s) => s.label.startsWith('this library') && s !== withImportJob);
  const constantTwo = ours.every((s) => s.lambdaFunctions === 2);
  const bundleKb = fs.statSync(path.join(__dirname, '..', 'assets', 'handler', 'index.js')).size / 1024;
  const section = 'Footprint';
  const perCount = (label: string) => stacks.filter((s) => s.label === label).map((s) => s.lambdaFunctions).join(' / ');
  const figures: Figure[] = [
    {
      section, name: `Lambda functions per stack, 1 / 10 / 200 \`User\`s`, value: perCount(VARIANTS[0].label),
      budget: 'constant, 2', verdict: verdict(stacks.filter((s) => s.label === VARIANTS[0].label).every((s) => s.lambdaFunctions === 2)),
    },
    {
      section, name: `Lambda functions per stack, one \`Users\` of 1 / 10 / 200`, value: perCount(VARIANTS[1].label),
      budget: 'constant, 2', verdict: verdict(stacks.filter((s) => s.label === VARIANTS[1].label).every((s) => s.lambdaFunctions === 2)),
    },
    {
      section, name: 'Lambda functions per stack, `AwsCustomResource` per user, 1 / 10 / 200', value: perCount(VARIANTS[2].label),
      budget: '', verdict: '-',
    },
    {
      section, name: 'Lambda functions, stack with 10 `User`s and an import job', value: String(withImportJob.lambdaFunctions),
      budget: '2 + the waiter\'s', verdict: verdict(constantTwo && withImportJob.lambdaFunctions > 2),
    },
    {
      section, name: 'Handler bundle (assets/handler/index.js)', value: `${bundleKb.toFixed(1)} KB`,
      budget: `<= ${BUNDLE_BUDGET_KB} KB`, verdict: verdict(bundleKb <= BUNDLE_BUDGET_KB),
    },
  ];
  return { figures, stacks, bundleKb };
}

if (require.main === module) {
  console.log(JSON.stringify(benchFootprint(), undefined, 2));
}
