// Secure defaults: cdk-nag's AwsSolutions pack over pools built with this library.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { UserPool, UserPoolProps } from '../lib';

interface Violation {
  readonly ruleName: string;
  readonly violatingConstructs: Array<{ readonly constructPath: string }>;
}

/** Synthesizes a pool under the AwsSolutions pack and returns the rules it violates. */
function awsSolutionsFindings(props?: UserPoolProps, addToPool?: (pool: UserPool) => void): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  const app = new App({ outdir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const pool = new UserPool(new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } }), 'Pool', props);
  addToPool?.(pool);
  try {
    app.synth();
  } catch (e) {
    // A violation fails the synth; the report below lists every finding.
    if (!fs.existsSync(path.join(outdir, 'validation-report.json'))) throw e;
  }
  const reportFile = path.join(outdir, 'validation-report.json');
  const report = fs.existsSync(reportFile)
    ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: Array<{ violations: Violation[] }> }
    : { pluginReports: [] };
  fs.rmSync(outdir, { recursive: true, force: true });
  return report.pluginReports.flatMap((r) => r.violations.flatMap((v) =>
    v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)));
}

test('a pool with no props has no AwsSolutions finding but the Plus-tier rule', () => {
  expect(awsSolutionsFindings()).toEqual(['AwsSolutions-COG8 Stack/Pool/Resource']);
});

test('a Plus-tier pool has no AwsSolutions finding at all', () => {
  expect(awsSolutionsFindings({ featurePlan: cognito.FeaturePlan.PLUS })).toEqual([]);
});

test('the pack does flag a weak pool (so the checks above can fail)', () => {
  const findings = awsSolutionsFindings({
    featurePlan: cognito.FeaturePlan.PLUS,
    mfa: cognito.Mfa.OFF,
    passwordPolicy: { minLength: 6, requireSymbols: false },
  });
  expect(findings).toEqual(expect.arrayContaining(['AwsSolutions-COG1 Stack/Pool/Resource', 'AwsSolutions-COG2 Stack/Pool/Resource']));
});

test('the End User Messaging SMS role and an exported client secret acknowledge what is inherent to them', () => {
  // GIVEN a Plus pool that sends SMS through End User Messaging, WHEN a client exports its secret
  const findings = awsSolutionsFindings({
    featurePlan: cognito.FeaturePlan.PLUS,
    endUserMessagingSms: { originationIdentity: '+15555550100' },
  }, (pool) => pool.addClient('Machine', {
    generateSecret: true,
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('api/read')] },
  }).exportSecretToSecretsManager('Secret', { tokenEndpoint: 'https://auth.example.com/oauth2/token' }));
  // THEN neither the role's sms-voice:SendTextMessage on * nor the secret's missing rotation is a finding
  expect(findings).toEqual([]);
});
