import { useEffect } from 'react';
import { useHealthStore } from '../../stores/health';

/** On a sync's panel: why it is paused (too many failures in a row, a schema change), with Resume. */
export function SyncHealthNote({ syncId }: { syncId: string }) {
  const item = useHealthStore((s) => s.items.find((h) => h.kind === 'sync' && h.id === syncId));
  const { load, live, resume } = useHealthStore.getState();
  useEffect(() => {
    void load();
    return live();
  }, [load, live]);
  if (!item || (item.state !== 'paused' && item.state !== 'failing')) return null;
  return (
    <p className={`notice ${item.state === 'paused' ? 'notice-warning' : 'notice-error'}`} data-testid="sync-health">
      {item.pause
        ? item.pause.message
        : `Failing${item.consecutiveFailures > 1 ? ` (${item.consecutiveFailures} runs in a row)` : ''}: ${item.last?.summary ?? ''}`}{' '}
      {item.pause ? (
        <button type="button" onClick={() => void resume('sync', syncId)} data-testid="sync-health-resume">
          Resume
        </button>
      ) : null}
    </p>
  );
}
