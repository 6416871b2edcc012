// One CDK app holding every example stack, so `npx cdk synth` in this folder covers them all.
import { App } from 'aws-cdk-lib';
import { buildExampleApp } from './all';

const app = new App();
buildExampleApp(app);
app.synth();
