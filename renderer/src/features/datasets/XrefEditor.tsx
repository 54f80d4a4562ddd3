import { useState } from 'react';
import type { XrefEntry } from '../../../../shared/models/datasets';
import { useReferenceStore } from '../../stores/dataset-reference';
import { UnmatchedIds } from './UnmatchedIds';
import { XrefImport } from './XrefImport';

const EMPTY: XrefEntry = { system: '', externalId: '', productId: '', productName: '' };

/** The product cross-reference: each system's id / SKU → one canonical product, editable in place. */
export function XrefEditor({ systems }: { systems: string[] }) {
  const xref = useReferenceStore((s) => s.xref);
  const busy = useReferenceStore((s) => s.busy);
  const error = useReferenceStore((s) => s.error);
  const upsert = useReferenceStore((s) => s.upsert);
  const remove = useReferenceStore((s) => s.remove);
  const [form, setForm] = useState<XrefEntry>({ ...EMPTY, system: systems[0] ?? '' });
  const [editing, setEditing] = useState(false);
  const products = [...new Map(xref.map((e) => [e.productId, e.productName])).entries()];
  const submit = async () => {
    if (await upsert(form)) {
      setForm({ ...EMPTY, system: form.system });
      setEditing(false);
    }
  };
  const set = (patch: Partial<XrefEntry>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <section className="card dataset-xref" aria-labelledby="dataset-xref-title" data-testid="xref-editor">
      <h3 id="dataset-xref-title">Product cross-reference</h3>
      <p className="muted">
        Each system’s product id or SKU maps to one canonical product. Ids compare without case or surrounding spaces.
      </p>
      <datalist id="xref-products">
        {products.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </datalist>
      <UnmatchedIds />
      <form
        className="dataset-xref-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        aria-label={editing ? 'Edit a cross-reference entry' : 'Add a cross-reference entry'}
      >
        <label>
          <span>System</span>
          <input
            list="xref-systems"
            value={form.system}
            onChange={(e) => set({ system: e.target.value })}
            readOnly={editing}
            required
            data-testid="xref-system"
          />
        </label>
        <datalist id="xref-systems">
          {systems.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <label>
          <span>Id / SKU in that system</span>
          <input
            value={form.externalId}
            onChange={(e) => set({ externalId: e.target.value })}
            readOnly={editing}
            required
            data-testid="xref-external-id"
          />
        </label>
        <label>
          <span>Canonical product id</span>
          <input
            list="xref-products"
            value={form.productId}
            onChange={(e) => set({ productId: e.target.value })}
            required
            data-testid="xref-product-id"
          />
        </label>
        <label>
          <span>Product name</span>
          <input
            value={form.productName}
            onChange={(e) => set({ productName: e.target.value })}
            data-testid="xref-product-name"
          />
        </label>
        <div className="dataset-xref-form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="xref-save">
            {editing ? 'Save' : 'Add'}
          </button>
          {editing ? (
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setForm({ ...EMPTY, system: form.system });
              }}
            >
              Cancel
            </button>
          ) : null}
        </div>
      </form>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <div className="table-scroll dataset-xref-table">
        <table data-testid="xref-table">
          <thead>
            <tr>
              <th scope="col">System</th>
              <th scope="col">Id / SKU</th>
              <th scope="col">Canonical product</th>
              <th scope="col">Name</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {xref.map((e) => (
              <tr key={`${e.system}/${e.externalId}`} data-testid={`xref-row-${e.system}-${e.externalId}`}>
                <td>{e.system}</td>
                <td>{e.externalId}</td>
                <td>{e.productId}</td>
                <td>{e.productName}</td>
                <td className="dataset-row-actions">
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setForm(e);
                      setEditing(true);
                    }}
                    aria-label={`Edit ${e.system} ${e.externalId}`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="link danger-link"
                    disabled={busy}
                    onClick={() => void remove(e)}
                    aria-label={`Remove ${e.system} ${e.externalId}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <XrefImport />
    </section>
  );
}
