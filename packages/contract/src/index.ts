export * from './route.ts';
export * from './routes.ts';
export * from './client.ts';
export * as schemas from './schemas.ts';
export * as consentSchemas from './consent-schemas.ts';
export * as governanceSchemas from './governance-schemas.ts';
