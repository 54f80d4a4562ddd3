export {
  ConnectorClient,
  resolveBaseUrl,
  type ApiRecord,
  type CallOptions,
  type ClientOptions,
  type ConnectionSettings,
  type ListOptions,
  type TestResult,
} from './client';
export { HttpRuntime } from './http/runtime';
export { HostLimiters } from '../rate-limit/host-limiter';
export { systemClock } from './http/clock';
export type {
  Clock,
  DeprecationNotice,
  RetryPolicy,
  RuntimeOptions,
  RuntimeRequest,
  RuntimeResponse,
} from './http/types';
export { SoapClient } from './soap/client';
export { ConnectorCatalog, memoryConnectorStore, builtinConnectors, type ConnectorStore } from './catalog';
export {
  importOpenApi,
  inspectOpenApi,
  buildDefinition,
  listOperations,
  loadOpenApi,
  type ImportedOperation,
  type ResourceChoice,
} from './openapi';
export { importWsdl, inspectWsdl } from './soap/read-wsdl';
