import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseOrThrow } from '../../../shared/errors';
import {
  Connection,
  ConnectionCreateInput,
  ConnectionView,
  SECRET_FIELD_NAMES,
  isAllowedHost,
  secretHint,
} from '../../../shared/models/connection';
import { checkAuthRequirements, checkUniqueName } from '../../../electron/core/connections/validate';
import { errorMessage } from '../../../shared/error-message';

const SECRET = 'canary-0123456789abcdef0123456789';
const view = (): Connection => ({
  id: 'c1',
  name: 'Acme',
  connectorId: 'crm',
  baseUrl: 'https://acme.example/api',
  authKind: 'basic',
  authSettings: { username: 'ada' },
  integrator: { contact: 'ops@example.com' },
  allowedHosts: ['acme.example'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  warnings: [],
  needsReauthorization: false,
  secrets: { password: { set: true, hint: secretHint(SECRET) } },
});

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return errorMessage(e);
  }
  return 'no error';
};

describe('connection input validation', () => {
  const base = {
    name: 'Acme',
    connectorId: 'crm',
    baseUrl: 'https://acme.example',
    authKind: 'bearer',
    secrets: { token: SECRET },
  };
  it.each([
    [{ ...base, baseUrl: 'acme.example' }, 'baseUrl'],
    [{ ...base, baseUrl: 'ftp://acme.example' }, 'baseUrl'],
    [{ ...base, name: '  ' }, 'name'],
    [{ ...base, connectorId: '' }, 'connectorId'],
    [{ ...base, authKind: 'kerberos' }, 'authKind'],
    [{ ...base, secrets: { token: 'a\nb' } }, 'secrets.token'],
    [{ ...base, secrets: { token: 'a\rb' } }, 'secrets.token'],
    [{ ...base, secrets: { token: 'x'.repeat(8 * 1024 + 1) } }, 'secrets.token'],
    [{ ...base, secrets: { token: '' } }, 'secrets.token'],
    [{ ...base, authSettings: { tokenUrl: 'nope' } }, 'authSettings.tokenUrl'],
    [{ ...base, allowedHosts: ['https://x'] }, 'allowedHosts.0'],
  ])('%# refuses with the field named', (input, field) => {
    const message = fieldOf(() => parseOrThrow(ConnectionCreateInput, input, 'connection'));
    expect(message).toContain(field);
    expect(message).not.toContain(SECRET);
  });

  it('accepts an 8 KiB secret exactly', () => {
    expect(() =>
      parseOrThrow(ConnectionCreateInput, { ...base, secrets: { token: 'x'.repeat(8192) } }, 'c'),
    ).not.toThrow();
  });

  it('checks required settings and secrets per auth kind', () => {
    expect(fieldOf(() => checkAuthRequirements('basic', {}, { password: 'p' }))).toContain('authSettings.username');
    expect(fieldOf(() => checkAuthRequirements('basic', { username: 'u' }, {}))).toContain('secrets.password');
    expect(
      fieldOf(() => checkAuthRequirements('oauth2_client_credentials', { clientId: 'c' }, { clientSecret: 's' })),
    ).toContain('authSettings.tokenUrl');
    expect(fieldOf(() => checkAuthRequirements('api_key_header', {}, { apiKey: 'k' }))).toContain(
      'authSettings.headerName',
    );
    expect(fieldOf(() => checkAuthRequirements('api_key_query', {}, { apiKey: 'k' }))).toContain(
      'authSettings.queryParam',
    );
    expect(
      fieldOf(() =>
        checkAuthRequirements(
          'oauth2_authorization_code',
          { authorizeUrl: 'https://a', tokenUrl: 'https://a', clientId: 'c' },
          { refreshToken: 'r' },
        ),
      ),
    ).toContain('secrets.refreshToken');
    expect(
      fieldOf(() => checkAuthRequirements('basic', { username: 'u' }, {}, { password: { set: true, hint: '••••' } })),
    ).toBe('no error');
    expect(fieldOf(() => checkAuthRequirements('hmac', {}, { signingSecret: 's' }))).toBe('no error');
  });

  it('refuses duplicate names, ignoring case and spaces', () => {
    expect(fieldOf(() => checkUniqueName(' ACME ', [view()]))).toContain('name');
    expect(fieldOf(() => checkUniqueName('Acme', [view()], 'c1'))).toBe('no error');
  });
});

describe('the public view cannot carry a secret', () => {
  it('strips any extra field, including one named like a secret', () => {
    const parsed = ConnectionView.parse({
      ...view(),
      password: SECRET,
      authSettings: { username: 'ada', password: SECRET, apiKey: SECRET },
    });
    expect(JSON.stringify(parsed)).not.toContain(SECRET);
  });

  it('refuses a secret smuggled into a marker', () => {
    expect(ConnectionView.safeParse({ ...view(), secrets: { password: { set: true, hint: SECRET } } }).success).toBe(
      false,
    );
    expect(
      ConnectionView.safeParse({ ...view(), secrets: { password: { set: true, hint: '••••', value: SECRET } } }).data
        ?.secrets.password,
    ).toEqual({ set: true, hint: '••••' });
  });

  it('has no field named after a secret except the marker map, whose values hold at most 8 characters', () => {
    const names: string[] = [];
    const walk = (schema: z.ZodType, path: string) => {
      const def = schema._zod.def as {
        type: string;
        shape?: Record<string, z.ZodType>;
        innerType?: z.ZodType;
        element?: z.ZodType;
      };
      if (def.type === 'object') {
        for (const [k, v] of Object.entries(def.shape!)) {
          names.push(`${path}${k}`);
          walk(v, `${path}${k}.`);
        }
      } else if (def.innerType) walk(def.innerType, path);
      else if (def.element) walk(def.element, path);
    };
    walk(ConnectionView, '');
    const secretish = new RegExp(`(^|\\.)(${SECRET_FIELD_NAMES.join('|')}|secrets?|apiKey|password|token)$`, 'i');
    expect(names.filter((n) => secretish.test(n))).toEqual(['secrets']);
    expect(secretHint(SECRET)).toBe('••••6789');
    expect(secretHint('short')).toBe('••••');
  });
});

describe('allowed hosts', () => {
  it('matches host:port exactly and a bare host on any port', () => {
    expect(isAllowedHost({ allowedHosts: ['acme.example'] }, new URL('https://acme.example/x'))).toBe(true);
    expect(isAllowedHost({ allowedHosts: ['acme.example'] }, new URL('https://evil.example/x'))).toBe(false);
    expect(isAllowedHost({ allowedHosts: ['acme.example'] }, new URL('https://acme.example.evil.example/'))).toBe(
      false,
    );
    expect(isAllowedHost({ allowedHosts: ['127.0.0.1:8080'] }, new URL('http://127.0.0.1:9090/'))).toBe(false);
  });
});
