import { useEffect, useRef, type ReactNode } from 'react';
import type { CallEvent } from '../../../../shared/models/call-event';
import { useRouter } from '../../router';
import { useLogsStore } from '../../stores/logs';
import { useConnectionNames } from './connection-names';
import { formatDuration, statusLabel } from './format';

function Headers(props: { title: string; headers?: Record<string, string>; testId: string }) {
  const entries = Object.entries(props.headers ?? {});
  return (
    <section className="drawer-section">
      <h3>{props.title}</h3>
      {entries.length ? (
        <table className="drawer-headers" data-testid={props.testId}>
          <tbody>
            {entries.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className={value.startsWith('[REDACTED') || value.startsWith('[PII') ? 'redacted' : undefined}>
                  {value}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Not recorded.</p>
      )}
    </section>
  );
}

/** Pretty-print JSON bodies; anything else (truncated JSON, XML, text) is shown as stored. */
function Body(props: { title: string; body?: string; testId: string }) {
  let text = props.body;
  if (text) {
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // not JSON, or truncated by the body size limit
    }
  }
  return (
    <section className="drawer-section">
      <h3>{props.title}</h3>
      {text ? <pre data-testid={props.testId}>{text}</pre> : <p className="muted">Not recorded.</p>}
    </section>
  );
}

function Facts({ call }: { call: CallEvent }) {
  const names = useConnectionNames();
  const go = useRouter((s) => s.go);
  const rows: [string, ReactNode][] = [
    ['Time', new Date(call.time).toLocaleString()],
    ['Duration', formatDuration(call.durationMs)],
    ['Attempt', String(call.attempt)],
    ['Retry wait before it', call.retryWaitMs ? formatDuration(call.retryWaitMs) : '–'],
    ['Connection', call.connectionId ? (names[call.connectionId] ?? call.connectionId) : '–'],
    ['Connector', call.connectorId ?? '–'],
    ['Resource · operation', [call.resource, call.operation].filter(Boolean).join(' · ') || '–'],
    [
      'Run',
      call.runId ? (
        <button
          type="button"
          className="link"
          onClick={() => go('logs', { run: call.runId! })}
          data-testid="drawer-run-link"
        >
          {call.runId}
        </button>
      ) : (
        '–'
      ),
    ],
    ['Sync', call.syncId ?? '–'],
    ['Bytes in / out', `${call.bytesIn} / ${call.bytesOut}`],
    ['Records in / out', `${call.recordsIn ?? '–'} / ${call.recordsOut ?? '–'}`],
  ];
  if (call.errorCode || call.errorMessage)
    rows.push([
      'Error',
      `${call.errorClass ? `${call.errorClass} · ` : ''}${call.errorCode ?? ''}${call.errorMessage ? ` — ${call.errorMessage}` : ''}`,
    ]);
  return (
    <dl className="drawer-facts" data-testid="drawer-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One call in detail: what was sent and received, redacted before it was stored (credentials show
 * as [REDACTED], personal data as [PII]). Esc closes it; ↑/↓ keep moving through the table.
 */
export function CallDrawer(props: { onClosed: () => void }) {
  const open = useLogsStore((s) => s.drawerOpen);
  const detail = useLogsStore((s) => s.detail);
  const detailError = useLogsStore((s) => s.detailError);
  const close = useLogsStore((s) => s.closeDrawer);
  const exportCalls = useLogsStore((s) => s.exportCalls);
  const exporting = useLogsStore((s) => s.exportState?.status === 'running');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { onClosed } = props;

  useEffect(() => {
    if (open) headingRef.current?.focus({ preventScroll: true });
  }, [open]);

  if (!open) return null;
  const doClose = () => {
    close();
    onClosed();
  };
  return (
    <aside
      className="logs-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby="logs-drawer-title"
      data-testid="log-drawer"
    >
      <header className="drawer-header">
        <h2 id="logs-drawer-title" tabIndex={-1} ref={headingRef}>
          {detail ? (
            <>
              <span className={`status-pill status-${detail.statusClass}`}>{statusLabel(detail)}</span> {detail.method}
            </>
          ) : (
            'Loading call…'
          )}
        </h2>
        <button type="button" aria-label="Close details (Esc)" onClick={doClose} data-testid="drawer-close">
          ×
        </button>
      </header>
      {detailError ? (
        <p className="error-text" role="alert">
          {detailError}
        </p>
      ) : null}
      {detail ? (
        <div className="drawer-body">
          <p className="drawer-url" data-testid="drawer-url">
            {detail.url}
          </p>
          <div className="drawer-actions">
            <span className="muted">Export this call:</span>
            {(['har', 'jsonl', 'csv'] as const).map((f) => (
              <button
                key={f}
                type="button"
                disabled={exporting}
                onClick={() => void exportCalls(f, 'current')}
                data-testid={`drawer-export-${f}`}
              >
                {f.toUpperCase()}
              </button>
            ))}
          </div>
          <Facts call={detail} />
          {detail.rateLimit && Object.keys(detail.rateLimit).length ? (
            <Headers title="Rate-limit headers seen" headers={detail.rateLimit} testId="drawer-rate-limit" />
          ) : null}
          <Headers title="Request headers" headers={detail.requestHeaders} testId="drawer-request-headers" />
          <Body title="Request body" body={detail.requestBody} testId="drawer-request-body" />
          <Headers title="Response headers" headers={detail.responseHeaders} testId="drawer-response-headers" />
          <Body title="Response body" body={detail.responseBody} testId="drawer-response-body" />
        </div>
      ) : null}
    </aside>
  );
}
