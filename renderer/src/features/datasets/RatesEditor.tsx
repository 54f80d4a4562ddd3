import { useState } from 'react';
import type { FixedRate, RateSource } from '../../../../shared/models/datasets';
import { useReferenceStore } from '../../stores/dataset-reference';
import { useDatasetsStore } from '../../stores/datasets';

function initialRates(source: RateSource | undefined): { base: string; rates: FixedRate[] } {
  if (source?.kind === 'fixed') return { base: source.base, rates: source.rates };
  return { base: 'EUR', rates: [{ currency: 'USD', rate: '' }] };
}

/** Where conversion rates come from: the feed (with its latest values) or fixed rates typed by the user. */
export function RatesEditor() {
  const dataset = useDatasetsStore((s) => s.dataset);
  const feedConnection = useDatasetsStore((s) => s.demo.rates);
  const rates = useReferenceStore((s) => s.rates);
  const busy = useReferenceStore((s) => s.busy);
  const setFixed = useReferenceStore((s) => s.setFixedRates);
  const switchToFeed = useReferenceStore((s) => s.switchToFeed);
  const source = dataset?.rateSource;
  const [draft, setDraft] = useState(() => initialRates(source));
  const [open, setOpen] = useState(source?.kind === 'fixed');
  const update = (i: number, patch: Partial<FixedRate>) =>
    setDraft((d) => ({ ...d, rates: d.rates.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const latest = rates.length && rates[0]!.date ? rates.filter((r) => r.date === rates[0]!.date) : [];
  return (
    <section className="card dataset-rates" aria-labelledby="dataset-rates-title" data-testid="rates-editor">
      <h3 id="dataset-rates-title">Exchange rates</h3>
      {source?.kind === 'connection' ? (
        <p>
          Rates come from the feed of connection <code>{source.connectionId}</code>; a day without a rate borrows the
          previous business day’s (up to {source.maxFallbackDays} days back) and is flagged.
          {latest.length
            ? ` Latest (${latest[0]!.date}, per 1 EUR): ${latest
                .slice(0, 8)
                .map((r) => `${r.currency} ${r.rate}`)
                .join(', ')}.`
            : ''}
        </p>
      ) : (
        <p>
          Fixed rates, units of currency per 1 {source?.kind === 'fixed' ? source.base : 'EUR'}.
          {feedConnection ? (
            <>
              {' '}
              <button
                type="button"
                className="link"
                disabled={busy}
                onClick={() => void switchToFeed(feedConnection.id)}
                data-testid="rates-use-feed"
              >
                Use the rates feed of “{feedConnection.name}” instead
              </button>
            </>
          ) : null}
        </p>
      )}
      {!open ? (
        <button type="button" onClick={() => setOpen(true)} data-testid="rates-edit-fixed">
          Enter fixed rates…
        </button>
      ) : (
        <form
          className="dataset-rates-form"
          onSubmit={(e) => {
            e.preventDefault();
            void setFixed(
              draft.rates.filter((r) => r.currency.trim() || r.rate.trim()),
              draft.base,
            );
          }}
          aria-label="Fixed rates"
        >
          <label>
            <span>Base currency</span>
            <input
              value={draft.base}
              maxLength={3}
              onChange={(e) => setDraft({ ...draft, base: e.target.value.toUpperCase() })}
              required
              data-testid="rates-base"
            />
          </label>
          <table>
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col">Units per 1 {draft.base}</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.rates.map((r, i) => (
                <tr key={i}>
                  <td>
                    <input
                      aria-label={`Currency ${i + 1}`}
                      value={r.currency}
                      maxLength={3}
                      onChange={(e) => update(i, { currency: e.target.value.toUpperCase() })}
                      data-testid={`rates-currency-${i}`}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Rate ${i + 1}`}
                      value={r.rate}
                      inputMode="decimal"
                      pattern="\d+(\.\d+)?"
                      onChange={(e) => update(i, { rate: e.target.value.trim() })}
                      data-testid={`rates-rate-${i}`}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => setDraft({ ...draft, rates: draft.rates.filter((_, j) => j !== i) })}
                      aria-label={`Remove rate ${i + 1}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dataset-xref-form-actions">
            <button
              type="button"
              onClick={() => setDraft({ ...draft, rates: [...draft.rates, { currency: '', rate: '' }] })}
            >
              Add a currency
            </button>
            <button type="submit" className="primary" disabled={busy} data-testid="rates-save">
              Use these fixed rates
            </button>
          </div>
          {source?.kind === 'connection' ? (
            <p className="muted">Saving replaces the feed: stored rows are re-converted with these rates at once.</p>
          ) : null}
        </form>
      )}
    </section>
  );
}
