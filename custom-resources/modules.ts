/**
 * The resource modules the provider serves. To add a resource type, write
 * `custom-resources/<type>/index.ts` exporting a `ResourceModule` and list it here.
 */
import { clientSecretRotationModule } from './client-secret-rotation';
import { customAttributesModule } from './custom-attributes';
import { groupMembershipModule } from './group-membership';
import { hostedUiLogoModule } from './hosted-ui-logo';
import { immutableGuardModule } from './immutable-guard';
import { poolMfaModule } from './pool-mfa';
import { poolTriggersModule } from './pool-triggers';
import { provisionedLimitModule } from './provisioned-limit';
import { clientSessionModule, poolSessionModule } from './session-configuration';
import { signingCertificateModule } from './signing-certificate';
import type { ResourceModule } from './shared/types';
import { userModule } from './user';
import { userImportJobModule } from './user-import-job';
import { usersModule } from './users';

export const MODULES: ReadonlyArray<ResourceModule<any>> = [
  userModule,
  usersModule,
  groupMembershipModule,
  customAttributesModule,
  signingCertificateModule,
  poolMfaModule,
  hostedUiLogoModule,
  immutableGuardModule,
  clientSecretRotationModule,
  poolSessionModule,
  clientSessionModule,
  provisionedLimitModule,
  userImportJobModule,
  poolTriggersModule,
];
