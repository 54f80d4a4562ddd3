import type { BuildOptions } from 'esbuild';

export function nodeBuildOptions(): BuildOptions & { entryPoints: Record<string, string>; metafile: true };
export function buildNode(): Promise<string[]>;
