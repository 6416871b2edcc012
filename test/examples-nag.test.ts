// Every example stack, built as `cdk synth` builds it, passes cdk-nag's AwsSolutions pack:
// each finding is either fixed or acknowledged with a reason on the resource it is about.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildExampleApp } from '../examples/all';

interface Violation {
  readonly ruleName: string;
  readonly violatingConstructs: Array<{ readonly constructPath: string }>;
}

/** The examples' app under the AwsSolutions pack, with the feature flags of examples/cdk.json. */
function synthesizeExamples(): { findings: string[]; stackCount: number } {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', 'cdk.json'), 'utf8'));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-nag-'));
  try {
    const app = new App({ outdir, context: cdkJson.context });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    buildExampleApp(app);
    try {
      app.synth();
    } catch (e) {
      // An unacknowledged finding fails the synth; the report lists every one of them.
      if (!fs.existsSync(path.join(outdir, 'validation-report.json'))) throw e;
    }
    const reportFile = path.join(outdir, 'validation-report.json');
    const report = fs.existsSync(reportFile)
      ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: Array<{ violations: Violation[] }> }
      : { pluginReports: [] };
    const findings = report.pluginReports.flatMap((r) => r.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)));
    const stackCount = app.node.children.length;
    return { findings, stackCount };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test('every example stack passes the AwsSolutions pack with no unacknowledged finding', () => {
  // GIVEN the whole example app, WHEN it is synthesized under cdk-nag
  const { findings, stackCount } = synthesizeExamples();
  // THEN all of its stacks were checked and nothing is left to fix or acknowledge
  expect(stackCount).toBeGreaterThanOrEqual(19);
  expect(findings).toEqual([]);
});
