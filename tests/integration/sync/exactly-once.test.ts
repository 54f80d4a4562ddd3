import { afterEach, describe, expect, it } from 'vitest';
import { runSync } from '../../../electron/core/sync/engine';
import { makeHarness, writtenCustomers, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const dupCount = (x: Harness) => x.sandbox.servers.billing.store.duplicates().byEmail.length;

describe('exactly-once effect', () => {
  for (const useIdempotencyKey of [true, false]) {
    it(`a create applied by the target but never committed (crash) is found on the redo, not duplicated (idempotency keys ${useIdempotencyKey ? 'on' : 'off'})`, async () => {
      h = await makeHarness({ sizes: { contacts: 200, customers: 0 } });
      const parts = h.parts({
        billing: {
          baseUrl: h.sandbox.urls.billing,
          secretKey: h.sandbox.credentials.billing.secretKey,
          useIdempotencyKey,
        },
      });
      const create = parts.writer.create.bind(parts.writer);
      let creates = 0;
      // The 50th create reaches the target, then the process "dies" before the commit.
      parts.writer.create = async (values, options) => {
        const out = await create(values, options);
        if (++creates === 50) throw new Error('simulated crash after the target created the record');
        return out;
      };
      const broken = await runSync({ ...parts, store: h.store });
      expect(broken.status).toBe('failed');
      const run = await h.run({
        billing: {
          baseUrl: h.sandbox.urls.billing,
          secretKey: h.sandbox.credentials.billing.secretKey,
          useIdempotencyKey,
        },
      });
      expect(run.id).toBe(broken.id);
      expect(run.status).toBe('succeeded');
      expect(writtenCustomers(h).length).toBe(200 - 5);
      expect(dupCount(h)).toBe(0);
    });
  }

  it('lost answers (request applied, answer dropped) on a target without idempotency keys: looked up, never duplicated', async () => {
    h = await makeHarness({ sizes: { contacts: 300, customers: 0 } });
    h.sandbox.servers.billing.setFaults('lost=0.15,reset=0.05,malformed=0.05');
    const billing = {
      baseUrl: h.sandbox.urls.billing,
      secretKey: h.sandbox.credentials.billing.secretKey,
      useIdempotencyKey: false,
    };
    // One call in four fails here: a lookup can fail all its retries, which stops the run (resumable, as
    // after any outage). The next runs resume it; what matters is that no resume creates a record twice.
    let run = await h.run({ billing });
    for (let resumes = 0; run.status === 'failed' && resumes < 5; resumes++) {
      expect(run.error?.code).toMatch(/^(network|timeout|bad_response|server_error)$/);
      run = await h.run({ billing });
    }
    expect(run.status).toBe('succeeded');
    expect(h.sandbox.servers.billing.faults.injected.lost).toBeGreaterThan(10);
    h.sandbox.servers.billing.setFaults(null);
    expect(writtenCustomers(h).length).toBe(300 - 7);
    expect(dupCount(h)).toBe(0);
  });
});
