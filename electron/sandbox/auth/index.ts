export { startAuthSandbox, type AuthSandbox, type AuthSandboxOptions } from './server';
export type { OAuthSandboxState } from './oauth-server';
