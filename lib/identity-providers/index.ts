export * from './attribute-mapping';
export * from './base';
export * from './amazon';
export * from './apple';
export * from './facebook';
export * from './google';
export * from './oidc';
export * from './saml';
