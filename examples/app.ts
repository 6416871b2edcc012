// One CDK app holding every example stack, so `npx cdk synth --all` in this folder covers them all.
import { App } from 'aws-cdk-lib';
import { addDashboard } from './dashboard';
import { addFullPool } from './full-pool';
import { addApiAndAlb } from './api-and-alb';
import { addBulkUsers } from './bulk-users';
import { addMinimalPool } from './minimal-pool';
import { addSeededAdmins } from './seeded-admins';

const app = new App();
addMinimalPool(app);
addDashboard(app);
addFullPool(app);
addApiAndAlb(app);
addSeededAdmins(app);
addBulkUsers(app);
app.synth();
