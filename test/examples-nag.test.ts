// Every example stack, built as `cdk synth` builds it, passes cdk-nag's AwsSolutions pack:
// each finding is either fixed or acknowledged with a reason on the resource it is about.
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, rules } from 'cdk-nag';
import { buildExampleApp } from '../examples/all';
import { awsSolutionsFindingsOf } from './helpers/nag';

/** The examples' app under the AwsSolutions pack, with the feature flags of examples/cdk.json. */
function synthesizeExamples(): { findings: string[]; stackCount: number } {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', 'cdk.json'), 'utf8'));
  let stackCount = 0;
  const findings = awsSolutionsFindingsOf((app) => {
    buildExampleApp(app);
    stackCount = app.node.children.length;
  }, { context: cdkJson.context });
  return { findings, stackCount };
}

test('every example stack passes the AwsSolutions pack with no unacknowledged finding', () => {
  // GIVEN the whole example app, WHEN it is synthesized under cdk-nag
  const { findings, stackCount } = synthesizeExamples();
  // THEN all of its stacks were checked and nothing is left to fix or acknowledge
  expect(stackCount).toBeGreaterThanOrEqual(19);
  expect(findings).toEqual([]);
});

test('AwsSolutions-SMG4 is satisfied, not acknowledged, where a client-secret rotation schedule is set', () => {
  // GIVEN the example app as `cdk synth` builds it
  const app = new App();
  buildExampleApp(app);
  const stack = app.node.findChild('ClientSecretRotation');
  const secret = stack.node.findChild('SecretRotation').node.findChild('Secret').node.defaultChild as CfnResource;
  // THEN cdk-nag's rule itself finds the secret compliant: it has a rotation schedule
  expect(rules.secretsmanager.SecretsManagerRotationEnabled(secret)).toBe(NagRuleCompliance.COMPLIANT);
});
