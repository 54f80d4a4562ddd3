export * from './types';
export { createApplier } from './create-applier';
export { runAuthorizationCodeFlow, printUrlOpener, type AuthorizeOptions } from './oauth2/loopback-flow';
export { isInvalidGrant, requestToken, type TokenResponse } from './oauth2/token-client';
export { needsReauthorizationError } from './oauth2/authorization-code';
export { hmacCanonicalString } from './hmac';
export { usernameTokenXml, injectSecurityHeader } from './wsse';
export { maskSecrets, requireSecret } from './secret-access';
