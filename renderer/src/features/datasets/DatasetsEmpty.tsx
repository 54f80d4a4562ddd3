import { EmptyState } from '../../components/EmptyState';
import { useRouter } from '../../router';
import { useDatasetsStore } from '../../stores/datasets';

/** No dataset yet: one click builds the demo when its three connections exist, otherwise say what is missing. */
export function DatasetsEmpty() {
  const demo = useDatasetsStore((s) => s.demo);
  const installing = useDatasetsStore((s) => s.installing);
  const install = useDatasetsStore((s) => s.installDemo);
  const go = useRouter((s) => s.go);
  const missing = [
    !demo.shop && 'a shop (Shopify-like)',
    !demo.billing && 'a billing (Stripe-like)',
    !demo.rates && 'an exchange-rates (ECB-compatible)',
  ].filter(Boolean) as string[];
  if (missing.length === 0) {
    return (
      <EmptyState
        title="No dataset yet"
        testId="datasets-empty"
        action={
          <button
            type="button"
            className="primary"
            disabled={installing}
            onClick={() => void install()}
            data-testid="datasets-install-demo"
          >
            {installing ? 'Creating…' : 'Create the Sales overview demo'}
          </button>
        }
      >
        Create the Sales overview demo: orders from “{demo.shop!.name}” and invoices from “{demo.billing!.name}”, in EUR
        with rates from “{demo.rates!.name}”, and a product cross-reference with a few deliberate mismatches to try the
        quality checks on.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="No dataset yet"
      testId="datasets-empty"
      action={
        <button type="button" onClick={() => go('connections')}>
          Go to Connections
        </button>
      }
    >
      A dataset combines several sources into one set of numbers. The Sales overview demo needs {missing.join(', ')}{' '}
      connection; add {missing.length === 1 ? 'it' : 'them'} (the sandbox tools provide all three: run{' '}
      <code>patchbay demo</code> or <code>patchbay sandbox start</code>), then come back here.
    </EmptyState>
  );
}
