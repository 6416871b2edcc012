export * from './user-pool';
export * from './risk-configuration';
export * from './log-delivery';
export * from './ui-customization';
export * from './branding';
export * from './terms';
export * from './replicas';
