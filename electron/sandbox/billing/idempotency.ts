import { createHash } from 'node:crypto';
import type { SandboxReply } from '../common/router';

/**
 * Stripe's Idempotency-Key semantics: the first result for a key is saved (including 4xx
 * answers) and replayed for the same key + same request; the same key with a different
 * request is refused with an idempotency_error. Keys are scoped to the API key, as in Stripe.
 */
export class IdempotencyCache {
  private saved = new Map<string, { fingerprint: string; reply: SandboxReply }>();
  replays = 0;
  conflicts = 0;

  static fingerprint(method: string, path: string, body: Buffer): string {
    return createHash('sha256').update(`${method} ${path}\n`).update(body).digest('hex');
  }

  lookup(
    key: string,
    fingerprint: string,
  ): { kind: 'miss' } | { kind: 'replay'; reply: SandboxReply } | { kind: 'conflict' } {
    const hit = this.saved.get(key);
    if (!hit) return { kind: 'miss' };
    if (hit.fingerprint !== fingerprint) {
      this.conflicts++;
      return { kind: 'conflict' };
    }
    this.replays++;
    return {
      kind: 'replay',
      reply: { ...hit.reply, headers: { ...hit.reply.headers, 'Idempotent-Replayed': 'true' } },
    };
  }

  save(key: string, fingerprint: string, reply: SandboxReply): void {
    // Stripe does not save results of requests that failed on its side (5xx): those may be retried.
    if (reply.status >= 500) return;
    this.saved.set(key, { fingerprint, reply });
  }

  get size(): number {
    return this.saved.size;
  }

  clear(): void {
    this.saved.clear();
    this.replays = 0;
    this.conflicts = 0;
  }
}
