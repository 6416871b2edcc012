// Runs cdk-nag's AwsSolutions pack over an app and lists its findings as "rule constructPath".
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

interface Violation {
  readonly ruleName: string;
  readonly violatingConstructs: Array<{ readonly constructPath: string }>;
}

/** Builds an app under the AwsSolutions pack with `build`, synthesizes it, returns the findings. */
export function awsSolutionsFindingsOf(build: (app: App) => void, props: AppProps = {}): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  try {
    const app = new App({ ...props, outdir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    build(app);
    const reportFile = path.join(outdir, 'validation-report.json');
    try {
      app.synth();
    } catch (e) {
      // A finding fails the synth; the report lists every one of them.
      if (!fs.existsSync(reportFile)) throw e;
    }
    const report = fs.existsSync(reportFile)
      ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: Array<{ violations: Violation[] }> }
      : { pluginReports: [] };
    return report.pluginReports.flatMap((r) => r.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
