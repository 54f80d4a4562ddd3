export { ConnectionService, type ConnectionServiceDeps } from './connection-service';
export type { KeyValueStore } from './key-value-store';
export { classifyOutcome, errorCodeOf, type ProbeOutcome } from './classify';
export { httpProbe, type Probe, type ProbeContext, type HttpProbeOptions } from './http-probe';
export { governanceHeaders, warningsFromHeaders } from './governance';
export { CONNECTIONS_KEY } from './connection-repo';
