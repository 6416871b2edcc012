// One CDK app holding every example stack, so `npx cdk synth --all` in this folder covers them all.
import { App, Stack } from 'aws-cdk-lib';
import { addFederation } from './federation';
import { addFullFederationAndGroups } from './full/federation-groups';
import { addMinimalPool } from './minimal-pool';
import { UserPool } from '../lib';

const app = new App();
addMinimalPool(app);
addFederation(app);

// Temporary: the full-pool example will call addFullFederationAndGroups on its own pool.
const federationAndGroups = new Stack(app, 'FullFederationAndGroups', { env: { account: '123456789012', region: 'us-east-1' } });
addFullFederationAndGroups(federationAndGroups, new UserPool(federationAndGroups, 'Pool'));

app.synth();
