// One CDK app holding every example stack, so `npx cdk synth --all` in this folder covers them all.
import { App } from 'aws-cdk-lib';
import { addBulkUsers } from './bulk-users';
import { addMinimalPool } from './minimal-pool';
import { addSeededAdmins } from './seeded-admins';

const app = new App();
addMinimalPool(app);
addSeededAdmins(app);
addBulkUsers(app);
app.synth();
