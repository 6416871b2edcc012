// Every example stack, added to one CDK app: `app.ts` synthesizes it and the tests build it.
import { App } from 'aws-cdk-lib';
import { addApiAndAlb } from './api-and-alb';
import { addBranding } from './branding';
import { addBulkUsers } from './bulk-users';
import { addClientSecretRotation } from './client-secret-rotation';
import { addDashboard } from './dashboard';
import { addEmailOnlyMfa } from './email-only-mfa';
import { addFederation } from './federation';
import { addFullPool } from './full-pool';
import { addHostedUiLogo } from './hosted-ui-logo';
import { addImmutableSettingsGuard } from './immutable-settings-guard';
import { addLiveCustomAttributes } from './live-custom-attributes';
import { addMinimalPool } from './minimal-pool';
import { addMultiRegion } from './multi-region';
import { addPoolMigration } from './pool-migration';
import { addOrgDefaultsAndFrontend } from './org-defaults-and-frontend';
import { addProvisionedLimits } from './provisioned-limits';
import { addSamlSigningCertificate } from './saml-signing-certificate';
import { addSeededAdmins } from './seeded-admins';
import { addSessionConfiguration } from './session-configuration';
import { addSharedPool } from './shared-pool';
import { addThreatProtectionAndLogs } from './threat-protection-and-logs';
import { addTriggersOnImportedPool } from './triggers-on-imported-pool';
import { addUserImport } from './user-import';
import { addUserPoolBackup } from './user-pool-backup';

/** Adds every example stack to `app`. */
export function buildExampleApp(app: App): void {
  // The core: pools, clients, domains, identity providers, groups, resource servers.
  addMinimalPool(app);
  addFullPool(app);
  addFederation(app);
  addApiAndAlb(app);
  addSharedPool(app);
  // What aws-cdk-lib has no L2 for.
  addThreatProtectionAndLogs(app);
  addBranding(app);
  addMultiRegion(app);
  // Users and the API-only capabilities, through the custom-resource provider.
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
  addTriggersOnImportedPool(app);
  addUserPoolBackup(app);
  addPoolMigration(app);
  // Runtime access and observability.
  addDashboard(app);
  // Sharing: organisation-wide defaults and the frontend's configuration.
  addOrgDefaultsAndFrontend(app);
}
