import { useState } from 'react';
import { useReferenceStore, type UnmatchedId } from '../../stores/dataset-reference';
import { formatNumber } from './format';

function MapRow({ item }: { item: UnmatchedId }) {
  const upsert = useReferenceStore((s) => s.upsert);
  const busy = useReferenceStore((s) => s.busy);
  const [open, setOpen] = useState(false);
  const [productId, setProductId] = useState('');
  const testId = `unmatched-${item.system}-${item.externalId}`;
  return (
    <li data-testid={testId}>
      <span>
        <strong>{item.externalId}</strong>{' '}
        <span className="muted">
          ({item.system}
          {item.title ? `, “${item.title}”` : ''}) — {formatNumber(item.rows)} row{item.rows === 1 ? '' : 's'}
        </span>
      </span>
      {open ? (
        <form
          className="inline-row"
          onSubmit={(e) => {
            e.preventDefault();
            void upsert({
              system: item.system,
              externalId: item.externalId,
              productId: productId.trim(),
              productName: item.title,
            }).then((ok) => ok && setOpen(false));
          }}
        >
          <label className="visually-hidden" htmlFor={`${testId}-input`}>
            Canonical product for {item.externalId}
          </label>
          <input
            id={`${testId}-input`}
            list="xref-products"
            value={productId}
            onChange={(e) => setProductId(e.target.value)}
            autoFocus
            required
            placeholder="Canonical product id"
            data-testid={`${testId}-product`}
          />
          <button type="submit" className="primary" disabled={busy || !productId.trim()} data-testid={`${testId}-save`}>
            Map
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setOpen(true)} data-testid={`${testId}-map`}>
          Map to…
        </button>
      )}
    </li>
  );
}

/** Ids no entry matches, surfaced (never dropped) with a one-click way to map each one. */
export function UnmatchedIds() {
  const unmatched = useReferenceStore((s) => s.unmatched);
  const withoutId = useReferenceStore((s) => s.withoutId);
  if (!unmatched.length && !withoutId) return <p className="muted">Every product id in the dataset is mapped.</p>;
  return (
    <div className="dataset-unmatched" data-testid="unmatched-ids">
      <h4>Unmatched ids (whole dataset, any date)</h4>
      <ul>
        {unmatched.map((u) => (
          <MapRow key={`${u.system}/${u.externalId}`} item={u} />
        ))}
      </ul>
      {withoutId ? (
        <p className="muted">
          {formatNumber(withoutId)} rows have no product id at all; fix them in the source system.
        </p>
      ) : null}
    </div>
  );
}
