import type { LoadDemoTools } from '../core/demo/port';
import { SandboxDemoTools } from './host';

/**
 * The demo feature: the demo workspace (connections, mapping, sync, dataset) on the sandbox tools of
 * electron/sandbox. It builds on core; core reaches it only through the demo port it is given, which
 * the app and the CLI fill with `import('../demo')` so this module and the sandbox load as their own chunk.
 */
export const createDemoTools: LoadDemoTools = async (core) => new SandboxDemoTools(core);

export { startDemoSandbox } from './host';
export { installDemoWorkspace, markDemoRun, simulateCrmActivity, type DemoWorkspace } from './workspace';
