import { useEffect, useRef } from 'react';
import { useDatasetsStore } from '../../stores/datasets';
import { formatNumber } from './format';

/** The rows behind a quality number: lineage (source, record) and what normalization did to each. */
export function QualityRows() {
  const drill = useDatasetsStore((s) => s.drill)!;
  const close = useDatasetsStore((s) => s.closeDrill);
  const currency = useDatasetsStore((s) => s.dataset?.reportingCurrency ?? '');
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), [drill.check]);
  const page = drill.page;
  return (
    <div
      className="dataset-drill"
      role="region"
      aria-labelledby="dataset-drill-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
      data-testid="quality-rows"
    >
      <div className="dataset-drill-head">
        <h4 id="dataset-drill-title" ref={titleRef} tabIndex={-1}>
          {drill.label}
          {page
            ? ` — ${formatNumber(page.total)} row${page.total === 1 ? '' : 's'}${page.total > page.rows.length ? ` (first ${page.rows.length})` : ''}`
            : ''}
        </h4>
        <button type="button" onClick={close} aria-label="Close the rows" data-testid="quality-rows-close">
          Close
        </button>
      </div>
      {drill.error ? <p className="error-text">{drill.error}</p> : null}
      {!page && !drill.error ? <p className="muted">Loading…</p> : null}
      {page ? (
        <div className="table-scroll">
          <table className="dataset-rows">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Record</th>
                <th scope="col">Date</th>
                <th scope="col">Original amount</th>
                <th scope="col">Amount ({currency})</th>
                <th scope="col">Rate</th>
                <th scope="col">Product id</th>
                <th scope="col">Canonical product</th>
                <th scope="col">Issues</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={`${r.sourceId}/${r.recordId}`}>
                  <td>{r.sourceId}</td>
                  <td>{r.recordId}</td>
                  <td>{r.date ?? '–'}</td>
                  <td className="num">{r.originalAmount ? `${r.originalAmount} ${r.originalCurrency ?? ''}` : '–'}</td>
                  <td className="num">{r.amount ?? '–'}</td>
                  <td>
                    {r.rateFlag}
                    {r.rate ? ` ${r.rate}` : ''}
                    {r.rateDate && r.rateDate !== r.date ? ` (${r.rateDate})` : ''}
                  </td>
                  <td>{r.productKey ?? '–'}</td>
                  <td>{r.canonicalProduct ?? '–'}</td>
                  <td>
                    {[...(r.missingFields.length ? [`missing ${r.missingFields.join(', ')}`] : []), ...r.errors].join(
                      '; ',
                    ) || '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
