import { inspectOpenApi } from '../../electron/core/connectors/openapi';

/**
 * One OpenAPI import in a process of its own (spawned by connectors.bench.ts), so its peak RSS is the
 * import's and not what earlier imports left behind. Prints one JSON line.
 */
const path = process.argv[2]!;
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
const started = performance.now();
const r = await inspectOpenApi(path);
const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const lists = r.operations.filter((o) => o.role === 'list');
console.log(
  JSON.stringify({
    ms: Math.round(ms),
    operations: r.operations.length,
    listOperations: lists.length,
    resources: new Set(r.operations.filter((o) => o.role !== 'other').map((o) => o.resource)).size,
    unsurePaging: lists.filter((o) => !o.pagination?.known).length,
    problems: r.problems.length,
    peakRssMb: Math.round((peak / 1024 / 1024) * 10) / 10,
    baseRssMb: Math.round((before / 1024 / 1024) * 10) / 10,
  }),
);
