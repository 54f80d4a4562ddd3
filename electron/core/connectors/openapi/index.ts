import type { ConnectorDefinition } from '../../../../shared/models/connector';
import { buildDefinition, type BuildOptions, type ResourceChoice } from './build';
import { loadOpenApi } from './load';
import { listOperations } from './operations';
import type { DocumentProblem, ImportedOperation, OpenApiDoc } from './types';

export {
  buildDefinition,
  listOperations,
  loadOpenApi,
  type BuildOptions,
  type DocumentProblem,
  type ImportedOperation,
  type OpenApiDoc,
  type ResourceChoice,
};

/** The import wizard in two steps: inspect (operations + guesses), then build from the user's choices. */
export async function inspectOpenApi(source: string): Promise<{
  doc: OpenApiDoc;
  title: string;
  version: string;
  operations: ImportedOperation[];
  problems: DocumentProblem[];
}> {
  const doc = await loadOpenApi(source);
  return {
    doc,
    title: doc.info.title,
    version: doc.info.version,
    operations: listOperations(doc),
    problems: doc['x-patchbay-problems'] ?? [],
  };
}

export async function importOpenApi(source: string, opts: Omit<BuildOptions, 'source'>): Promise<ConnectorDefinition> {
  const doc = await loadOpenApi(source);
  return buildDefinition(doc, { ...opts, source });
}
