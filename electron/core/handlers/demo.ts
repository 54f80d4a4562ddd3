import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';

export function demoHandlers(core: Core): Pick<HandlerTable, 'demo:status' | 'demo:start'> {
  return {
    'demo:status': () => core.demo.status(),
    'demo:start': async () => {
      await core.demo.start();
      return core.demo.status();
    },
  };
}
