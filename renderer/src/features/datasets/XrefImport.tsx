import { useState } from 'react';
import { useReferenceStore } from '../../stores/dataset-reference';

/** CSV import: good lines are imported, each bad line is listed with its number and what to fix. */
export function XrefImport() {
  const importCsv = useReferenceStore((s) => s.importCsv);
  const result = useReferenceStore((s) => s.importResult);
  const busy = useReferenceStore((s) => s.busy);
  const [text, setText] = useState('');
  return (
    <details className="dataset-xref-import">
      <summary>Import from CSV</summary>
      <p className="muted">
        Header <code>system,external_id,product_id,product_name</code> (any order). Choose a file or paste the lines.
      </p>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file"
        onChange={(e) => void e.target.files?.[0]?.text().then(setText)}
        data-testid="xref-import-file"
      />
      <textarea
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label="CSV lines"
        spellCheck={false}
        data-testid="xref-import-text"
      />
      <div>
        <button
          type="button"
          disabled={busy || !text.trim()}
          onClick={() => void importCsv(text)}
          data-testid="xref-import-run"
        >
          Import
        </button>
      </div>
      {result ? (
        <div role="status" data-testid="xref-import-result">
          <p>
            Imported {result.imported} entr{result.imported === 1 ? 'y' : 'ies'}
            {result.errors.length
              ? `; ${result.errors.length} line${result.errors.length === 1 ? '' : 's'} skipped:`
              : '.'}
          </p>
          {result.errors.length ? (
            <ul className="error-text">
              {result.errors.map((e) => (
                <li key={e.line}>{e.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}
