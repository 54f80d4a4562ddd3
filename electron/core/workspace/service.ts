import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { ApplyResult, WorkspaceKind, WorkspacePlan } from '../../../shared/models/workspace';
import type { BaseCore } from '../create-core';
import { applyPlan } from './apply';
import { exportWorkspace, objectYaml } from './export';
import { adapterOf } from './kinds';
import { listYamlFiles, loadWorkspace } from './load';
import { preparePlan } from './plan';
import { missingSecrets, setSecret } from './secrets';

export interface ApplyOptions {
  prune?: boolean;
  dryRun?: boolean;
  /** Where `${env:NAME}` values come from (default: this process's environment). */
  env?: NodeJS.ProcessEnv;
}

/** What the files said when a plan was shown, so the apply that follows changes exactly that. */
function digestOf(source: string): string {
  const hash = createHash('sha256');
  const files = statSync(source).isDirectory() ? listYamlFiles(source) : [source];
  for (const f of files) hash.update(f).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

/**
 * The workspace as files: export, plan, apply (all or nothing), secrets by reference. The CLI and
 * the app's "Workspace files" panel are two front ends of this one service.
 */
export class WorkspaceService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<string, { source: string; prune: boolean; digest: string }>();

  constructor(private readonly core: BaseCore) {}

  /** One apply at a time: a plan is compared with the state it will change. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private checkSource(source: string): void {
    if (!existsSync(source))
      throw new AppError('not_found', `No folder or file at ${source}.`, { field: 'path', path: source });
  }

  async plan(source: string, options: ApplyOptions = {}): Promise<WorkspacePlan> {
    this.checkSource(source);
    const loaded = loadWorkspace(source, options.env);
    return (await preparePlan(this.core, loaded, options)).plan;
  }

  /** Validate, plan and (unless a dry run) apply; a second apply of the same files reports everything unchanged. */
  apply(source: string, options: ApplyOptions = {}): Promise<ApplyResult> {
    this.checkSource(source);
    return this.serial(async () => {
      const prepared = await preparePlan(this.core, loadWorkspace(source, options.env), options);
      if (options.dryRun) return { ...prepared.plan, applied: false };
      return applyPlan(this.core, prepared);
    });
  }

  /** The app's first step: the plan to show, and an id that applies exactly these files later. */
  async planForReview(source: string, prune: boolean): Promise<WorkspacePlan & { planId: string }> {
    const plan = await this.plan(source, { prune });
    const planId = randomUUID();
    this.pending.set(planId, { source, prune, digest: digestOf(source) });
    return { ...plan, planId };
  }

  async applyReviewed(planId: string): Promise<ApplyResult> {
    const pending = this.pending.get(planId);
    if (!pending)
      throw new AppError('not_found', 'That plan is no longer open; read the folder again to see a fresh plan.', {
        planId,
      });
    this.pending.delete(planId);
    this.checkSource(pending.source);
    if (digestOf(pending.source) !== pending.digest)
      throw new AppError(
        'conflict',
        'The files changed after the plan was shown; nothing was applied. Read the folder again to review the new plan.',
        { planId },
      );
    return this.apply(pending.source, { prune: pending.prune });
  }

  export(dir: string, env?: NodeJS.ProcessEnv) {
    return exportWorkspace(this.core, dir, env);
  }

  /** One object as YAML ("Copy as YAML"): the same text export writes, without secrets. */
  async yaml(kind: WorkspaceKind, id: string): Promise<string> {
    const found = (await adapterOf(kind).current(this.core)).find((o) => o.id === id);
    if (!found) throw new AppError('not_found', `No ${kind} with id "${id}".`, { kind, id });
    return objectYaml(kind, found);
  }

  missingSecrets() {
    return missingSecrets(this.core);
  }

  setSecret(ref: string, field: string, value: string) {
    return setSecret(this.core, ref, field, value);
  }
}
