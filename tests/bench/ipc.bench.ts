import { createHandlers } from '../../electron/core/handlers';
import { dispatch } from '../../electron/core/ipc/dispatch';
import { makeTestCore } from '../helpers/core';
import type { Figure } from './run';

/**
 * Cost of the IPC boundary: calls/s through dispatch() (zod input parse + handler + output check)
 * against calling the handler directly, in the same run, as a ratio.
 */
export default async function* bench(): AsyncGenerator<Figure> {
  const t = await makeTestCore();
  const handlers = createHandlers(t.core);
  const N = 20_000;
  // Warm up both paths so JIT state is comparable.
  for (let i = 0; i < 500; i++) {
    await dispatch(handlers, 'settings:get', {}, { validateOutput: true });
    await handlers['settings:get']({});
  }
  let start = performance.now();
  for (let i = 0; i < N; i++) await handlers['settings:get']({});
  const direct = N / ((performance.now() - start) / 1000);
  start = performance.now();
  for (let i = 0; i < N; i++) await dispatch(handlers, 'settings:get', {}, { validateOutput: true });
  const viaDispatch = N / ((performance.now() - start) / 1000);
  start = performance.now();
  for (let i = 0; i < N; i++)
    await dispatch(
      handlers,
      'settings:update',
      { integratorContact: 5 },
      {
        validateOutput: true,
      },
    );
  const rejected = N / ((performance.now() - start) / 1000);
  yield { bench: 'ipc', figure: 'direct_calls_per_s', value: Math.round(direct), unit: '1/s' };
  yield { bench: 'ipc', figure: 'dispatch_calls_per_s', value: Math.round(viaDispatch), unit: '1/s' };
  yield {
    bench: 'ipc',
    figure: 'dispatch_over_direct',
    value: Number((viaDispatch / direct).toFixed(3)),
    unit: 'ratio',
  };
  yield { bench: 'ipc', figure: 'malformed_rejections_per_s', value: Math.round(rejected), unit: '1/s' };
  await t.close();
}
