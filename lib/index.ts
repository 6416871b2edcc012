export * from './user-pool';
export * from './grants';
export * from './metrics';
export * from './user-pool-alarms';
export * from './user-pool-client';
export * from './user-pool-domain';
