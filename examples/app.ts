// One CDK app holding every example stack, so `npx cdk synth --all` in this folder covers them all.
import { App } from 'aws-cdk-lib';
import { addBulkUsers } from './bulk-users';
import { addClientSecretRotation } from './client-secret-rotation';
import { addEmailOnlyMfa } from './email-only-mfa';
import { addHostedUiLogo } from './hosted-ui-logo';
import { addImmutableSettingsGuard } from './immutable-settings-guard';
import { addLiveCustomAttributes } from './live-custom-attributes';
import { addMinimalPool } from './minimal-pool';
import { addProvisionedLimits } from './provisioned-limits';
import { addSamlSigningCertificate } from './saml-signing-certificate';
import { addSeededAdmins } from './seeded-admins';
import { addSessionConfiguration } from './session-configuration';
import { addUserImport } from './user-import';

const app = new App();
addMinimalPool(app);
addSeededAdmins(app);
addBulkUsers(app);
addLiveCustomAttributes(app);
addSamlSigningCertificate(app);
addEmailOnlyMfa(app);
addHostedUiLogo(app);
addImmutableSettingsGuard(app);
addClientSecretRotation(app);
addSessionConfiguration(app);
addProvisionedLimits(app);
addUserImport(app);
app.synth();
