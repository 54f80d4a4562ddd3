import type { Core } from '../create-core';
import type { HandlerTable } from '../ipc/dispatch';

type WorkspaceChannel = Extract<keyof HandlerTable, `workspace:${string}`>;

/** What a picked folder may be used for: written by an export, or read by a plan and its apply. */
const FOLDER_PURPOSES = {
  export: ['workspace:export'],
  apply: ['workspace:plan', 'workspace:apply'],
} as const satisfies Record<string, readonly WorkspaceChannel[]>;

/** The workspace as files, over core.workspace (export, plan, apply, Copy as YAML, secrets by reference). */
export function workspaceHandlers(core: Core): Pick<HandlerTable, WorkspaceChannel> {
  const ws = core.workspace;
  return {
    'workspace:chooseFolder': async (request) => {
      const path = (await core.chooseFolder(request)) ?? null;
      // The one way a renderer obtains a folder it may export to or apply from (see ipc/file-grants.ts).
      if (path) core.fileGrants.grant(path, FOLDER_PURPOSES[request.purpose]);
      return { path };
    },
    'workspace:export': ({ path }) => ws.export(path),
    'workspace:plan': ({ path, prune }) => ws.planForReview(path, prune),
    'workspace:applyPlan': ({ planId }) => ws.applyReviewed(planId),
    'workspace:apply': ({ path, prune, dryRun }) => ws.apply(path, { prune, dryRun }),
    'workspace:objectYaml': async ({ kind, id }) => ({ yaml: await ws.yaml(kind, id) }),
    'workspace:secretsMissing': () => ws.missingSecrets(),
    'workspace:setSecret': ({ ref, field, value }) => ws.setSecret(ref, field, value),
  };
}
