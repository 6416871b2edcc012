export * from './user-pool';
export * from './user-pool-client';
export * from './user-pool-domain';
