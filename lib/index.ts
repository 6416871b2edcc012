export * from './user-pool';
export * from './user';
export * from './users';
export * from './group-membership';
