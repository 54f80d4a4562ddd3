import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacCanonicalString, injectSecurityHeader, usernameTokenXml } from '../../../electron/core/auth';
import { createPkcePair, s256 } from '../../../electron/core/auth/oauth2/pkce';
import { governanceHeaders, warningsFromHeaders } from '../../../electron/core/connections/governance';

describe('auth primitives', () => {
  it('PKCE S256 matches RFC 7636 appendix B', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const { verifier, challenge } = createPkcePair();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(s256(verifier));
  });

  it('HMAC canonical string covers method, path+query, timestamp and body hash', () => {
    const s = hmacCanonicalString('post', new URL('https://x.example/a/b?c=1'), '1700000000', '{"a":1}');
    expect(s).toBe(`POST\n/a/b?c=1\n1700000000\n${createHash('sha256').update('{"a":1}').digest('hex')}`);
  });

  it('WS-Security digest follows the OASIS formula and lands in the SOAP header', () => {
    const nonce = Buffer.from('0123456789abcdef');
    const xml = usernameTokenXml('u<1>', 'pw', 'PasswordDigest', '2026-01-01T00:00:00.000Z', nonce);
    const digest = createHash('sha1')
      .update(Buffer.concat([nonce, Buffer.from('2026-01-01T00:00:00.000Zpw')]))
      .digest('base64');
    expect(xml).toContain(`>${digest}</wsse:Password>`);
    expect(xml).toContain('u&#60;1&#62;');
    expect(xml).not.toContain('>pw<');
    const env = injectSecurityHeader('<s:Envelope xmlns:s="x"><s:Body/></s:Envelope>', '<SEC/>');
    expect(env).toBe('<s:Envelope xmlns:s="x"><s:Header><SEC/></s:Header><s:Body/></s:Envelope>');
    expect(injectSecurityHeader('<s:Envelope><s:Header/><s:Body/></s:Envelope>', '<SEC/>')).toBe(
      '<s:Envelope><s:Header><SEC/></s:Header><s:Body/></s:Envelope>',
    );
    expect(injectSecurityHeader('<s:Envelope><s:Header a="1"><x/></s:Header><s:Body/></s:Envelope>', '<SEC/>')).toBe(
      '<s:Envelope><s:Header a="1"><SEC/><x/></s:Header><s:Body/></s:Envelope>',
    );
  });

  it('governance headers and Deprecation/Sunset parsing', () => {
    const c = {
      integrator: { contact: 'ops@acme.example', headerName: 'X-Partner-Id', headerValue: 'P-42' },
      apiVersion: '2024-06-01',
    };
    expect(governanceHeaders(c as never, '0.1.0', 'Acme-Version')).toEqual({
      'User-Agent': 'Patchbay/0.1.0 (+ops@acme.example)',
      'X-Partner-Id': 'P-42',
      'Acme-Version': '2024-06-01',
    });
    const w = warningsFromHeaders({
      Deprecation: '@1767225600',
      Sunset: 'Wed, 01 Jul 2026 00:00:00 GMT',
      Link: '<https://d.example/dep>; rel="deprecation"',
    });
    expect(w.map((x) => [x.kind, x.date, x.link])).toEqual([
      ['deprecation', '2026-01-01T00:00:00.000Z', 'https://d.example/dep'],
      ['sunset', '2026-07-01T00:00:00.000Z', undefined],
    ]);
  });
});
