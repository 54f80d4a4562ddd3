import { describe, expect, it } from 'vitest';
import { isSecretHeader, isSecretName } from '../../../shared/secret-names';

describe('the secret-name rule', () => {
  it('names that hold a credential are secret wherever they are met', () => {
    for (const name of ['access_token', 'client_secret', 'Password', 'x-api-key', 'private_key', 'sessionid'])
      for (const place of ['param', 'field'] as const) expect(isSecretName(name, place)).toBe(true);
  });

  it('names that describe a secret are not', () => {
    for (const name of ['token_type', 'expires_in', 'token_url', 'redirect_uri', 'session_expires', 'author'])
      expect(isSecretName(name, 'field')).toBe(false);
  });

  it('key and code are secrets as URL or form parameters only', () => {
    expect(isSecretName('code', 'param')).toBe(true);
    expect(isSecretName('key', 'param')).toBe(true);
    expect(isSecretName('code', 'field')).toBe(false);
    expect(isSecretName('key', 'field')).toBe(false);
  });

  it('headers: credentials by name, rate-limit and content headers readable', () => {
    expect(isSecretHeader('Authorization')).toBe(true);
    expect(isSecretHeader('X-Shopify-Access-Token')).toBe(true);
    expect(isSecretHeader('X-Partner-Token')).toBe(true);
    expect(isSecretHeader('X-RateLimit-Remaining')).toBe(false);
    expect(isSecretHeader('WWW-Authenticate')).toBe(false);
    expect(isSecretHeader('Content-Type')).toBe(false);
  });
});
