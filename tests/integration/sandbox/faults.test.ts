import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseFaults } from '../../../electron/sandbox/common/faults';
import { startSandbox } from '../../../electron/sandbox/index';

describe('fault injection', () => {
  it('parses the --faults spec and refuses nonsense', () => {
    const f = parseFaults('5xx=0.1,429=0.05,timeout=0.02,reset=0.01,malformed=0.01,latency=20ms');
    expect(f.rates).toEqual({ '5xx': 0.1, '429': 0.05, timeout: 0.02, reset: 0.01, malformed: 0.01 });
    expect(f.latencyMs).toEqual([20, 20]);
    expect(parseFaults('latency=5-15ms').latencyMs).toEqual([5, 15]);
    expect(() => parseFaults('5xx=2')).toThrow(/probability/);
    expect(() => parseFaults('bogus=0.1')).toThrow(/unknown key/);
    expect(() => parseFaults('5xx=0.6,429=0.6')).toThrow(/over 1/);
  });

  it('injects faults at roughly the configured rates, reproducibly', async () => {
    const sb = await startSandbox({
      faults: '5xx=0.2,429=0.1,reset=0.05,malformed=0.05',
      rateLimits: false,
      sizes: { contacts: 50 },
    });
    try {
      const h = { authorization: `Bearer ${sb.credentials.crm.accessToken}` };
      const counts = { ok: 0, s5xx: 0, s429: 0, reset: 0, malformed: 0 };
      const N = 600;
      for (let k = 0; k < N; k++) {
        try {
          const r = await fetch(`${sb.urls.crm}/crm/v3/objects/contacts?limit=1`, { headers: h });
          const text = await r.text();
          if (r.status >= 500) counts.s5xx++;
          else if (r.status === 429) {
            expect(r.headers.get('retry-after')).toBe('1');
            counts.s429++;
          } else {
            try {
              JSON.parse(text);
              counts.ok++;
            } catch {
              counts.malformed++;
            }
          }
        } catch {
          counts.reset++;
        }
      }
      expect(counts.s5xx / N).toBeGreaterThan(0.14);
      expect(counts.s5xx / N).toBeLessThan(0.26);
      expect(counts.s429 / N).toBeGreaterThan(0.06);
      expect(counts.s429 / N).toBeLessThan(0.14);
      expect(counts.reset).toBeGreaterThan(10);
      expect(counts.malformed).toBeGreaterThan(10);
      expect(sb.servers.crm.faults.injected['5xx']).toBe(counts.s5xx);
    } finally {
      await sb.stop();
    }
  });

  it('runs as a separate process that prints its URLs as one JSON line and is steerable via /__sandbox', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/sandbox/main.ts', '--port', '0', '--sizes', 'contacts=1000000'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (c) => reject(new Error(`sandbox exited ${c}`)));
      });
      const info = JSON.parse(line) as { urls: Record<string, string>; credentials: { crm: { accessToken: string } } };
      const h = { authorization: `Bearer ${info.credentials.crm.accessToken}` };
      const r = await fetch(`${info.urls.crm}/crm/v3/objects/contacts?limit=3&after=999997`, { headers: h });
      expect(((await r.json()) as { results: unknown[] }).results.length).toBe(3);
      await fetch(`${info.urls.crm}/__sandbox/down`, { method: 'POST', body: JSON.stringify({ seconds: 30 }) });
      expect((await fetch(`${info.urls.crm}/crm/v3/objects/contacts`, { headers: h })).status).toBe(503);
      const stats = (await (await fetch(`${info.urls.crm}/__sandbox/stats`)).json()) as {
        down: unknown;
        store: { contacts: { size: number } };
      };
      expect(stats.down).not.toBeNull();
      expect(stats.store.contacts.size).toBe(1_000_000);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
