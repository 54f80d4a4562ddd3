import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import type { CallEventInput } from '../../../shared/models/call-event';
import { statusClassOf } from '../../../shared/models/call-event';

let n = 0;
const T0 = Date.parse('2025-03-01T00:00:00.000Z');

/** A plausible call event; `i` spaces them a second apart from 2025-03-01. */
export function makeCall(i: number, over: Partial<CallEventInput> = {}): CallEventInput {
  const status = over.status ?? [200, 201, 404, 500, 429][i % 5];
  n++;
  return {
    id: `call-${i}-${n}`,
    time: new Date(T0 + i * 1000).toISOString(),
    durationMs: 10 + (i % 100),
    runId: `run-${i % 3}`,
    syncId: 'sync-a',
    connectionId: `conn-${i % 2}`,
    connectorId: 'crm',
    resource: 'contacts',
    operation: 'list',
    method: 'GET',
    url: `https://api.example.com/v1/contacts?page=${i}`,
    host: 'api.example.com',
    status,
    statusClass: statusClassOf(status),
    attempt: 1,
    bytesIn: 100,
    bytesOut: 0,
    ...(status && status >= 400
      ? {
          errorCode: status === 429 ? 'rate_limited' : status >= 500 ? 'server_error' : 'http_error',
          errorMessage: `HTTP ${status} from contacts`,
        }
      : {}),
    ...(status === 429 ? { retryWaitMs: 250 } : {}),
    ...over,
  };
}

export const T0_ISO = new Date(T0).toISOString();

/** Minimal zip reader (central directory + inflate) so tests need no extra dependency. */
export function readZip(path: string): Map<string, Buffer> {
  const buf = readFileSync(path);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + csize);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
