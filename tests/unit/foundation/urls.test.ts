import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, isTrustedRendererUrl } from '../../../electron/core/security/urls';

describe('security URL checks', () => {
  it.each([
    ['https://docs.example.com/page', true],
    ['http://example.com', false],
    ['http://127.0.0.1:4321/oauth/authorize?client_id=x', true],
    ['http://localhost:8080/callback', true],
    ['http://[::1]:8080/', true],
    ['http://127.0.0.1.evil.example/', false],
    ['http://192.168.1.10/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['https://user:pw@example.com', false],
    ['smb://share/x', false],
    ['not a url', false],
  ])('external %s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });

  it('trusts only our packaged page or the dev server origin', () => {
    expect(isTrustedRendererUrl('file:///opt/Patchbay/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(isTrustedRendererUrl('file:///tmp/evil.html')).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/#/logs', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
