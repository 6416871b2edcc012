/**
 * The resource modules the provider serves. To add a resource type, write
 * `custom-resources/<type>/index.ts` exporting a `ResourceModule` and list it here.
 */
import { groupMembershipModule } from './group-membership';
import type { ResourceModule } from './shared/types';
import { userModule } from './user';
import { usersModule } from './users';

export const MODULES: ReadonlyArray<ResourceModule<any>> = [
  userModule,
  usersModule,
  groupMembershipModule,
];
