// One CDK app holding every example stack, so `npx cdk synth --all` in this folder covers them all.
import { App } from 'aws-cdk-lib';
import { addBranding } from './branding';
import { addMinimalPool } from './minimal-pool';
import { addMultiRegion } from './multi-region';
import { addThreatProtectionAndLogs } from './threat-protection-and-logs';

const app = new App();
addMinimalPool(app);
addThreatProtectionAndLogs(app);
addBranding(app);
addMultiRegion(app);
app.synth();
