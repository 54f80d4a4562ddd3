import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox';

/**
 * A sandbox on a block of five consecutive ports, so a second sandbox ("the other machine's") can
 * listen where the first one did and the exported base URLs stay true. Retries another block when
 * one is taken.
 */
export async function sandboxOnBlock(options: SandboxOptions & { port?: number }): Promise<Sandbox> {
  if (options.port) return startSandbox(options);
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    try {
      return await startSandbox({ ...options, port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error('no free block of five ports for the sandbox');
}

export const portOf = (sandbox: Sandbox) => Number(new URL(sandbox.urls.crm).port);
