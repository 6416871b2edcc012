export * from './user-pool';
