import type { QualityReport } from '../../../../shared/models/datasets';
import { useDatasetsStore } from '../../stores/datasets';
import { formatNumber } from './format';
import { QualityRows } from './QualityRows';

const TONE = { info: 'ok', warning: 'warn', error: 'fail' } as const;

/** Every quality check as a number; a non-zero number opens the rows behind it (same predicate, same count). */
export function QualityPanel({
  quality,
  sourceLabels,
}: {
  quality: QualityReport;
  sourceLabels: Record<string, string>;
}) {
  const open = useDatasetsStore((s) => s.openDrill);
  const drill = useDatasetsStore((s) => s.drill);
  return (
    <section className="card dataset-quality" aria-labelledby="dataset-quality-title" data-testid="dataset-quality">
      <h3 id="dataset-quality-title">Quality checks</h3>
      <ul className="dataset-checks">
        {quality.checks.map((c) => {
          const breakdown = Object.entries(c.bySource)
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `${sourceLabels[s] ?? s}: ${formatNumber(n)}`)
            .join(' · ');
          return (
            <li
              key={c.id}
              className={`dataset-check tone-${c.count ? TONE[c.severity] : 'ok'}`}
              data-testid={`quality-${c.id}`}
            >
              {c.count > 0 ? (
                <button
                  type="button"
                  className="dataset-check-count"
                  onClick={() => void open(c.id, c.label)}
                  aria-label={`${formatNumber(c.count)} — ${c.label}: show the rows`}
                  aria-expanded={drill?.check === c.id}
                  data-testid={`quality-${c.id}-count`}
                >
                  {formatNumber(c.count)}
                </button>
              ) : (
                <span className="dataset-check-count zero" data-testid={`quality-${c.id}-count`}>
                  0
                </span>
              )}
              <div>
                <div className="dataset-check-label">{c.label}</div>
                {breakdown ? <div className="muted dataset-check-detail">{breakdown}</div> : null}
                {c.examples.length && c.id !== 'rows_per_source' ? (
                  <div className="muted dataset-check-detail">e.g. {c.examples.slice(0, 4).join(', ')}</div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {drill ? <QualityRows /> : null}
    </section>
  );
}
