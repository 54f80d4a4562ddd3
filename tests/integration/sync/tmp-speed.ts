import { makeHarness } from './harness';
const h = await makeHarness({ sizes: { contacts: 3000, customers: 0 } });
const t = performance.now();
const r = await h.run({ definition: { concurrency: Number(process.argv[2] ?? 8) } });
const ms = performance.now() - t;
console.log(r.counters.processed, Math.round(ms), 'ms', Math.round(r.counters.processed / ms * 1000), 'rec/s', process.cpuUsage());
await h.close();
