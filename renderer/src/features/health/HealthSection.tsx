import { useEffect } from 'react';
import type { HealthView } from '../../../../shared/contract/health';
import { useHealthStore } from '../../stores/health';

const LABEL: Record<HealthView['state'], string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  failing: 'Failing',
  paused: 'Paused',
  unknown: 'Not run yet',
};
const TONE: Record<HealthView['state'], string> = {
  healthy: 'ok',
  degraded: 'warn',
  failing: 'fail',
  paused: 'warn',
  unknown: '',
};

function HealthRow({ item }: { item: HealthView }) {
  const resume = useHealthStore((s) => s.resume);
  return (
    <li className="health-row" data-testid="health-row" data-state={item.state}>
      <span className={`badge ${TONE[item.state]}`}>{LABEL[item.state]}</span> <strong>{item.name ?? item.id}</strong>{' '}
      <span className="muted">{item.kind === 'flow' ? 'webhook flow' : 'sync'}</span>
      {item.last ? <div className="muted">Last: {item.last.summary}</div> : null}
      {item.consecutiveFailures > 1 ? <div className="muted">{item.consecutiveFailures} failures in a row</div> : null}
      {item.pause ? (
        <div data-testid="health-pause-reason">
          {item.pause.message}{' '}
          <button type="button" onClick={() => void resume(item.kind, item.id)} data-testid="health-resume">
            Resume
          </button>
        </div>
      ) : null}
    </li>
  );
}

/**
 * The dashboard headline: is each sync and webhook flow doing its job, judged by its records (a
 * call retried and then answered is not a failure). Call-level numbers follow below it.
 */
export function HealthSection() {
  const { items, loading, error, load, live } = useHealthStore();
  useEffect(() => {
    void load();
    return live();
  }, [load, live]);
  const order: HealthView['state'][] = ['failing', 'paused', 'degraded', 'healthy', 'unknown'];
  const sorted = [...items].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));
  const failing = items.filter((i) => i.state === 'failing' || i.state === 'paused').length;
  return (
    <section className="card" aria-label="Health" data-testid="health-section">
      <h2>
        {loading
          ? 'Health'
          : items.length === 0
            ? 'No syncs or webhook flows yet'
            : failing
              ? `${failing} of ${items.length} need attention`
              : `All ${items.length} healthy or running as expected`}
      </h2>
      {error ? <p className="notice notice-error">{error}</p> : null}
      <ul className="health-list">
        {sorted.map((item) => (
          <HealthRow key={`${item.kind}:${item.id}`} item={item} />
        ))}
      </ul>
    </section>
  );
}
