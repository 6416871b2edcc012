// One CDK app holding every example stack, so `npx cdk synth` in this folder covers them all.
import { App } from 'aws-cdk-lib';
import { addApiAndAlb } from './api-and-alb';
import { addBranding } from './branding';
import { addBulkUsers } from './bulk-users';
import { addDashboard } from './dashboard';
import { addFederation } from './federation';
import { addFullPool } from './full-pool';
import { addMinimalPool } from './minimal-pool';
import { addMultiRegion } from './multi-region';
import { addSeededAdmins } from './seeded-admins';
import { addThreatProtectionAndLogs } from './threat-protection-and-logs';

const app = new App();
addMinimalPool(app);
addFullPool(app);
addFederation(app);
addApiAndAlb(app);
addThreatProtectionAndLogs(app);
addBranding(app);
addMultiRegion(app);
addSeededAdmins(app);
addBulkUsers(app);
addDashboard(app);
app.synth();
