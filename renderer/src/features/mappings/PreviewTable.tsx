import { useState } from 'react';
import { makeGetter } from '../../../../shared/mapping/source-paths';
import type { PreviewResult, PreviewRow } from '../../../../shared/mapping/preview';
import type { FieldSchema } from '../../../../shared/models/field-schema';
import { showValue } from './format';

const OP_LABEL: Record<PreviewRow['operation'], string> = {
  create: 'Create',
  update: 'Update',
  skip: 'Skip (unchanged)',
  error: 'Error',
  skipped: 'Skipped',
  filtered: 'Filtered out',
};

function Operation({ row }: { row: PreviewRow }) {
  const cls =
    row.operation === 'error' ? 'fail' : row.operation === 'update' ? 'warn' : row.operation === 'create' ? 'ok' : '';
  let detail = '';
  if (row.operation === 'update' && row.diff) detail = `only ${row.diff.changedFields.join(', ')}`;
  if (row.operation === 'skipped') detail = row.mapped.skipReason ?? '';
  if (row.operation === 'filtered') detail = row.mapped.filteredOut ?? '';
  if (row.lookup === 'unchecked') detail = 'target not checked for this key: fetch again';
  if (row.lookup === 'uncertain') detail = 'not found in the part of the target that was read';
  return (
    <div className="operation">
      <span className={`badge ${cls}`} data-testid="row-operation">
        {OP_LABEL[row.operation]}
      </span>
      {detail ? <div className="muted small-text">{detail}</div> : null}
      {row.operation === 'error' && row.diff ? (
        <div className="muted small-text">once fixed: {row.diff.operation}</div>
      ) : null}
    </div>
  );
}

/** Source record | mapped payload (with the diff against the target's current values) | errors. */
export function PreviewTable(props: { preview: PreviewResult; sourceSchema: FieldSchema[]; readFields: Set<string> }) {
  const [onlyErrors, setOnlyErrors] = useState(false);
  const rows = onlyErrors ? props.preview.rows.filter((r) => r.mapped.errors.length > 0) : props.preview.rows;
  const shownSource = props.sourceSchema.filter((f) => props.readFields.has(f.name));
  const c = props.preview.counts;
  return (
    <section className="card preview" aria-labelledby="preview-title" data-testid="preview">
      <div className="preview-head">
        <h3 id="preview-title">Preview</h3>
        <p className="muted" data-testid="preview-counts" aria-live="polite">
          {c.create} create · {c.update} update · {c.skip} unchanged · {c.error} with errors
          {c.skipped ? ` · ${c.skipped} skipped` : ''}
          {c.filtered ? ` · filtered out: ${c.filtered}` : ''}
        </p>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={onlyErrors}
            onChange={(e) => setOnlyErrors(e.target.checked)}
            data-testid="only-errors"
          />
          Only records with errors
        </label>
      </div>
      <div className="table-scroll">
        <table className="preview-table">
          <thead>
            <tr>
              <th scope="col">Source record</th>
              <th scope="col">Mapped payload</th>
              <th scope="col">Operation</th>
              <th scope="col">Errors</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const changed = new Set(row.diff && row.operation !== 'create' ? row.diff.changedFields : []);
              const errorFields = new Set(row.mapped.errors.map((e) => e.field));
              return (
                <tr
                  key={row.index}
                  className={row.mapped.errors.length ? 'row-error' : undefined}
                  data-testid={`preview-row-${row.sourceId ?? row.index}`}
                >
                  <td>
                    <dl className="kv">
                      {row.sourceId !== null ? (
                        <>
                          <dt>id</dt>
                          <dd>{row.sourceId}</dd>
                        </>
                      ) : null}
                      {shownSource.map((f) => (
                        <div key={f.name} className="kv-pair">
                          <dt>{f.name}</dt>
                          <dd>{showValue(makeGetter((f.path ?? f.name).split('.'))(row.source), 48)}</dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                  <td>
                    <dl className="kv">
                      {Object.entries(row.mapped.payload).map(([k, v]) => (
                        <div
                          key={k}
                          className={`kv-pair${changed.has(k) ? ' changed' : ''}${errorFields.has(k) ? ' has-error' : ''}`}
                          data-testid={changed.has(k) ? `diff-${k}` : undefined}
                        >
                          <dt>{k}</dt>
                          <dd>
                            {changed.has(k) && row.existing ? (
                              <>
                                <del title="current value in the target">{showValue(row.existing.values[k], 40)}</del> →{' '}
                                <ins>{showValue(v, 40)}</ins>
                              </>
                            ) : (
                              showValue(v, 48)
                            )}
                          </dd>
                        </div>
                      ))}
                    </dl>
                    {row.existing ? <div className="muted small-text">matches {row.existing.id}</div> : null}
                  </td>
                  <td>
                    <Operation row={row} />
                  </td>
                  <td>
                    {row.mapped.errors.length ? (
                      <ul className="row-errors" data-testid="row-errors">
                        {row.mapped.errors.map((e, i) => (
                          <li key={i}>
                            <strong>{e.field ?? 'record'}</strong>: {e.message}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="ok-text">✓</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <p className="muted">{onlyErrors ? 'No record has an error.' : 'No sample records.'}</p>
        ) : null}
      </div>
    </section>
  );
}
