// One CDK app holding every example stack, so `npx cdk synth --all` in this folder covers them all.
import { App } from 'aws-cdk-lib';
import { addApiAndAlb } from './api-and-alb';
import { addFullClientsStack } from './full/clients';
import { addMinimalPool } from './minimal-pool';

const app = new App();
addMinimalPool(app);
addApiAndAlb(app);
// Temporary: until the full-pool example calls addFullClients itself.
addFullClientsStack(app);
app.synth();
