export { ConnectorCatalog, memoryConnectorStore, summarize, type ConnectorStore } from './catalog';
export { builtinConnectors } from './builtin';
