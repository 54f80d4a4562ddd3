export { DatasetService, type DatasetServiceDeps, type RefreshOptions } from './service';
export { connectorSource, cursorEpoch, type OpenedSource, type SourceOpener } from './source';
export { memoryDefinitionStore, DATASETS_KEY, type DefinitionStore } from './dataset-repo';
export { DATASETS_DB_FILE } from './db';
export { RateTable } from './normalize/rate-table';
export { isoWeekKey, bucketKey } from './normalize/buckets';
export { csvCell, csvLine, parseCsv } from './csv';
