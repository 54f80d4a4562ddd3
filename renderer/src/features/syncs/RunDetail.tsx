import type { RecordOutcome, RecordOutcomeKind } from '../../../../shared/models/sync';
import { useRouter } from '../../router';
import { DETAIL_PAGE, useSyncsStore } from '../../stores/syncs';
import { countersText, formatValue, formatWhen, STATUS_LABEL } from './format';

const KINDS: RecordOutcomeKind[] = ['created', 'updated', 'failed', 'skipped', 'merged', 'filtered', 'ambiguous'];

function Changes(props: { outcome: RecordOutcome }) {
  const list = props.outcome.changes.length ? props.outcome.changes : props.outcome.conflicts;
  if (list.length === 0) return null;
  return (
    <ul className="field-diff">
      {list.map((c) => (
        <li key={c.field}>
          <code>{c.field}</code>: <del>{formatValue(c.before)}</del> → <ins>{formatValue(c.after)}</ins>
        </li>
      ))}
    </ul>
  );
}

/** One run: counters, errors and warnings, per-record outcomes (paged), retry of failures, its call logs. */
export function RunDetail() {
  const detail = useSyncsStore((s) => s.detail)!;
  const kind = useSyncsStore((s) => s.detailKind);
  const { openRun, closeRun, retryFailed, confirm } = useSyncsStore.getState();
  const go = useRouter((s) => s.go);
  const offset = useSyncsStore((s) => s.detailOffset);
  const shown = detail.outcomes.length;
  return (
    <section className="run-detail card" aria-label="Run detail" data-testid="run-detail">
      <header className="run-detail-header">
        <h2>
          {detail.dryRun ? 'Dry run' : 'Run'} of {formatWhen(detail.startedAt)} —{' '}
          <span className={`run-status run-status-${detail.status}`}>{STATUS_LABEL[detail.status]}</span>
        </h2>
        <button type="button" onClick={closeRun} aria-label="Close run detail" data-testid="run-close">
          Close
        </button>
      </header>
      <p data-testid="run-counters">{countersText(detail.counters)}</p>
      {detail.error ? (
        <p className="error-text" role="alert">
          {detail.error.message}
        </p>
      ) : null}
      {detail.warnings.map((w) => (
        <p key={w.code + w.message} className="warning-text">
          {w.message}
        </p>
      ))}
      <div className="run-detail-actions">
        <button
          type="button"
          className="link"
          onClick={() => go('logs', { run: detail.id })}
          data-testid="run-logs-link"
        >
          Open the call logs of this run
        </button>
        {detail.status === 'needs_confirmation' ? (
          <button type="button" onClick={() => void confirm(detail.id)} data-testid="run-confirm">
            Confirm: run it once ({detail.counters.updated} updates)
          </button>
        ) : null}
        {detail.counters.failed > 0 && !detail.dryRun ? (
          <button type="button" onClick={() => void retryFailed(detail.id)} data-testid="run-retry">
            Retry failed records ({detail.counters.failed})
          </button>
        ) : null}
      </div>
      <div className="segmented" role="group" aria-label="Show records">
        <button type="button" aria-pressed={kind === null} onClick={() => void openRun(detail.id, { kind: null })}>
          All
        </button>
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={kind === k}
            onClick={() => void openRun(detail.id, { kind: k })}
            data-testid={`run-filter-${k}`}
          >
            {k}
          </button>
        ))}
      </div>
      {shown === 0 ? (
        <p className="muted">
          No records {kind ? `${kind} ` : ''}in this run
          {detail.counters.unchanged ? ` (unchanged records are counted, not listed)` : ''}.
        </p>
      ) : (
        <table className="syncs-table" data-testid="run-outcomes">
          <thead>
            <tr>
              <th scope="col">Source record</th>
              <th scope="col">Outcome</th>
              <th scope="col">Target</th>
              <th scope="col">Why / changes</th>
            </tr>
          </thead>
          <tbody>
            {detail.outcomes.map((o) => (
              <tr key={`${o.sourceId}-${o.at}`} data-testid="outcome-row" data-outcome={o.outcome}>
                <td>
                  {o.sourceId}
                  {o.matchKey ? <div className="muted">{o.matchKey}</div> : null}
                </td>
                <td>{o.outcome}</td>
                <td>{o.targetId ?? '—'}</td>
                <td>
                  {o.reason ? (
                    <div className={o.outcome === 'failed' ? 'error-text' : undefined}>{o.reason}</div>
                  ) : null}
                  <Changes outcome={o} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {offset > 0 || shown === DETAIL_PAGE ? (
        <p className="pager muted">
          Records {offset + 1}–{offset + shown}
          {kind ? '' : ` of ${detail.outcomeCount}`}.{' '}
          {offset > 0 ? (
            <button
              type="button"
              className="link"
              onClick={() => void openRun(detail.id, { offset: Math.max(0, offset - DETAIL_PAGE) })}
            >
              Previous page
            </button>
          ) : null}{' '}
          {shown === DETAIL_PAGE ? (
            <button
              type="button"
              className="link"
              onClick={() => void openRun(detail.id, { offset: offset + DETAIL_PAGE })}
              data-testid="run-next-page"
            >
              Next page
            </button>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
