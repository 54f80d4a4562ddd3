export * from './types';
export { KeytarSecretStore, type KeytarStoreOptions } from './keytar-store';
export { keychainUnavailable } from './keychain-error';
export { secretsReport, type SecretsReport } from './startup-report';
