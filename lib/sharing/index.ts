export * from './user-pool-share';
export * from './shared-user-pool';
export * from './user-pool-lookup';
export * from './user-pool-triggers';
export * from './organization-defaults';
export * from './amplify-outputs';
