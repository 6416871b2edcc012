// One CDK app holding every example stack, so `npx cdk synth` in this folder covers them all.
import { App } from 'aws-cdk-lib';
import { addApiAndAlb } from './api-and-alb';
import { addBulkUsers } from './bulk-users';
import { addDashboard } from './dashboard';
import { addFederation } from './federation';
import { addFullPool } from './full-pool';
import { addMinimalPool } from './minimal-pool';
import { addSeededAdmins } from './seeded-admins';

const app = new App();
addMinimalPool(app);
addFullPool(app);
addFederation(app);
addApiAndAlb(app);
addSeededAdmins(app);
addBulkUsers(app);
addDashboard(app);
app.synth();
