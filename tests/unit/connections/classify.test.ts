import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { classifyOutcome, errorCodeOf } from '../../../electron/core/connections/classify';

const err = (code: string, nested = false) =>
  nested
    ? Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code }) })
    : Object.assign(new Error('x'), { code });

describe('test-connection classification', () => {
  it.each([
    [{ status: 200 }, 'ok'],
    [{ status: 204 }, 'ok'],
    [{ status: 401 }, 'wrong_credentials'],
    [{ status: 403 }, 'wrong_credentials'],
    [{ status: 404 }, 'wrong_url'],
    [{ status: 410 }, 'wrong_url'],
    [{ status: 400 }, 'wrong_url'],
    [{ status: 408 }, 'timeout'],
    [{ status: 429 }, 'rate_limited'],
    [{ status: 500 }, 'server_error'],
    [{ status: 503 }, 'server_error'],
    [{ error: err('ENOTFOUND') }, 'wrong_url'],
    [{ error: err('ENOTFOUND', true) }, 'wrong_url'],
    [{ error: err('ECONNREFUSED', true) }, 'unreachable'],
    [{ error: err('ECONNRESET') }, 'unreachable'],
    [{ error: err('ETIMEDOUT') }, 'timeout'],
    [{ error: err('ECONNABORTED') }, 'timeout'],
    [{ error: err('UND_ERR_CONNECT_TIMEOUT', true) }, 'timeout'],
    [
      { error: Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }) },
      'timeout',
    ],
    [{ error: err('CERT_HAS_EXPIRED') }, 'tls'],
    [{ error: err('DEPTH_ZERO_SELF_SIGNED_CERT', true) }, 'tls'],
    [{ error: err('UNABLE_TO_VERIFY_LEAF_SIGNATURE') }, 'tls'],
    [{ error: err('ERR_TLS_CERT_ALTNAME_INVALID') }, 'tls'],
    [{ error: new Error('something odd') }, 'unreachable'],
    [{ error: new AppError('auth_failed', 'The token endpoint at x refused: invalid_client.') }, 'wrong_credentials'],
    [
      { error: new AppError('needs_reauthorization', 'The service no longer accepts this authorization.') },
      'wrong_credentials',
    ],
    [{ error: new AppError('secret_missing', 'The API key is not in the OS keychain.') }, 'wrong_credentials'],
  ] as const)('%j → %s', (outcome, category) => {
    const v = classifyOutcome({ ...outcome, host: 'crm.example.com' });
    expect(v.category).toBe(category);
    expect(v.ok).toBe(category === 'ok');
    expect(v.message.length).toBeGreaterThan(10);
    expect(v.nextStep.length).toBeGreaterThan(5);
  });

  it('reads the status from an axios-style error (error.response.status, error.code ERR_BAD_REQUEST)', () => {
    const axiosError = Object.assign(new Error('Request failed with status code 401'), {
      code: 'ERR_BAD_REQUEST',
      response: { status: 401, headers: {} },
    });
    expect(classifyOutcome({ error: axiosError }).category).toBe('wrong_credentials');
    const limited = Object.assign(new Error('429'), {
      code: 'ERR_BAD_REQUEST',
      response: { status: 429, headers: { 'retry-after': '7' } },
    });
    expect(classifyOutcome({ error: limited })).toMatchObject({ category: 'rate_limited', waitSeconds: 7 });
  });

  it('turns Retry-After seconds or HTTP date into a wait', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const dated = classifyOutcome(
      { status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 00:01:30 GMT' } },
      { now },
    );
    expect(dated).toMatchObject({ waitSeconds: 90 });
    expect(classifyOutcome({ status: 429, headers: { 'retry-after': 'garbage' } }, { now }).nextStep).toContain(
      'in a few minutes',
    );
    const v = classifyOutcome({ status: 429, headers: { 'Retry-After': '30' } }, { now });
    expect(v).toMatchObject({ ok: false, waitSeconds: 30 });
    expect(v.nextStep).toContain('30 seconds');
  });

  it('masks known secrets in provider messages', () => {
    const v = classifyOutcome(
      { error: new AppError('auth_failed', 'refused: bad secret s3cr3t-value') },
      { secrets: ['s3cr3t-value'] },
    );
    expect(v.message).not.toContain('s3cr3t-value');
    expect(v.message).toContain('[REDACTED]');
  });

  it('finds the innermost code in an error chain', () => {
    expect(errorCodeOf(err('EAI_AGAIN', true))).toBe('EAI_AGAIN');
    expect(errorCodeOf(undefined)).toBeUndefined();
  });
});
