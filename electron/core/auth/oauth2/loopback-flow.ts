import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../../shared/errors';
import type { Connection } from '../../../../shared/models/connection';
import type { AuthDeps } from '../types';
import { createPkcePair, randomState } from './pkce';
import { requestToken, type TokenResponse } from './token-client';

export interface AuthorizeOptions {
  /** Opens the system browser (Electron: shell.openExternal). The CLI passes a function that prints the URL. */
  openExternal: (url: string) => void | Promise<void>;
  clientSecret?: string;
  /** How long to wait for the user to finish in the browser (default 5 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:3em">` +
  `<h1>${title}</h1><p>${text}</p></body>`;

/**
 * OAuth2 authorization code + PKCE for a native app (RFC 8252 §7.3): a one-shot HTTP listener on
 * 127.0.0.1 with a random port receives the redirect; `state` guards against a forged redirect and
 * the PKCE verifier against a stolen code. Returns the token response; the caller stores the
 * refresh token in the keychain.
 */
export async function runAuthorizationCodeFlow(
  c: Connection,
  deps: AuthDeps,
  options: AuthorizeOptions,
): Promise<TokenResponse> {
  const s = c.authSettings;
  if (!s.authorizeUrl || !s.tokenUrl || !s.clientId) {
    throw new AppError(
      'invalid_input',
      'authSettings: authorizeUrl, tokenUrl and clientId are required for OAuth2 sign-in',
      { field: 'authSettings' },
    );
  }
  const { verifier, challenge } = createPkcePair();
  const state = randomState();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  try {
    const code = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new AppError('timeout', 'Sign-in was not completed in the browser in time. Start the authorization again.'),
          ),
        options.timeoutMs ?? 5 * 60_000,
      );
      const abort = () => reject(new AppError('cancelled', 'Sign-in was cancelled.'));
      options.signal?.addEventListener('abort', abort, { once: true });
      const done = (fn: () => void) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', abort);
        fn();
      };
      server.on('request', (req, res) => {
        const url = new URL(req.url ?? '/', redirectUri);
        if (url.pathname !== '/callback') {
          res.writeHead(404).end();
          return;
        }
        const reply = (status: number, title: string, text: string) =>
          res
            .writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' })
            .end(PAGE(title, text));
        if (url.searchParams.get('state') !== state) {
          // Not ours (stale tab or forged request): refuse it but keep waiting for the real redirect.
          reply(
            400,
            'Sign-in not recognised',
            'This sign-in link does not match the one Patchbay started. Return to Patchbay and try again.',
          );
          return;
        }
        const error = url.searchParams.get('error');
        if (error) {
          const description = url.searchParams.get('error_description');
          reply(
            400,
            'Sign-in failed',
            'The service did not grant access. You can close this window and return to Patchbay.',
          );
          done(() =>
            reject(
              new AppError(
                'auth_failed',
                `The service refused the authorization: ${error}${description ? ` — ${description}` : ''}.`,
                { error },
              ),
            ),
          );
          return;
        }
        const code = url.searchParams.get('code');
        if (!code) {
          reply(400, 'Sign-in failed', 'The service sent no authorization code.');
          done(() => reject(new AppError('auth_failed', 'The service redirected back without an authorization code.')));
          return;
        }
        reply(200, 'Signed in', 'Patchbay is now connected. You can close this window.');
        done(() => resolve(code));
      });
      const authorize = new URL(s.authorizeUrl!);
      authorize.searchParams.set('response_type', 'code');
      authorize.searchParams.set('client_id', s.clientId!);
      authorize.searchParams.set('redirect_uri', redirectUri);
      if (s.scopes?.length) authorize.searchParams.set('scope', s.scopes.join(' '));
      authorize.searchParams.set('state', state);
      authorize.searchParams.set('code_challenge', challenge);
      authorize.searchParams.set('code_challenge_method', 'S256');
      Promise.resolve(options.openExternal(authorize.toString())).catch((e) => done(() => reject(e)));
    });
    return await requestToken(
      {
        tokenUrl: s.tokenUrl,
        clientId: s.clientId,
        connectionId: c.id,
        clientSecret: options.clientSecret,
        clientAuth: s.clientAuth,
        form: { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
      },
      deps,
      options.signal,
    );
  } finally {
    await closeServer(server);
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** CLI variant of openExternal: print the URL and let the loopback listener wait for the browser. */
export function printUrlOpener(write: (line: string) => void): (url: string) => void {
  return (url) => write(`Open this address in your browser to authorize Patchbay, then come back here:\n${url}\n`);
}
