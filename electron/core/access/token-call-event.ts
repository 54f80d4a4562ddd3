import { randomUUID } from 'node:crypto';
import { statusClassOf, type CallEventInput } from '../../../shared/models/call-event';
import type { TokenCall } from '../auth/types';

/**
 * A token-endpoint call as a call-log row, so the access trail shows every request Patchbay made
 * on a connection's behalf, credentials obtained included. Only metadata: no headers, no bodies.
 */
export function tokenCallEvent(call: TokenCall): CallEventInput {
  return {
    id: randomUUID(),
    time: new Date(call.startedAt).toISOString(),
    durationMs: call.durationMs,
    connectionId: call.connectionId,
    operation: `oauth2 token (${call.grantType ?? 'grant'})`,
    method: 'POST',
    url: call.url,
    host: call.host,
    status: call.status,
    statusClass: statusClassOf(call.status),
    ...(call.errorCode ? { errorClass: 'auth', errorCode: call.errorCode } : {}),
    attempt: 1,
  };
}
