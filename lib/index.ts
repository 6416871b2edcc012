export * from './user-pool';
export * from './identity-providers';
export * from './user-pool-group';
export * from './user-pool-resource-server';
