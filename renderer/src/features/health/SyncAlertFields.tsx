import { useEffect, useState } from 'react';
import type { SyncDraft } from '../../stores/syncs';
import { api, unwrap } from '../../api';

type Alerts = NonNullable<SyncDraft['alerts']>;
const DEFAULT_ALERTS: Alerts = { pauseAfterFailures: 10, webhookTargetId: null };

/** In the sync editor: what a schema change does to a run, when the schedule pauses itself, where alerts go. */
export function SyncAlertFields(props: { draft: SyncDraft; onChange: (change: Partial<SyncDraft>) => void }) {
  const alerts = { ...DEFAULT_ALERTS, ...props.draft.alerts };
  const [targets, setTargets] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    unwrap(api.webhooks.targets({}))
      .then((list) => setTargets(list.map((t) => ({ id: t.id, name: t.name }))))
      .catch(() => setTargets([]));
  }, []);
  return (
    <fieldset className="inline-fieldset">
      <legend>Schema changes and alerts</legend>
      <label>
        When the source or target fields changed
        <select
          value={props.draft.schemaDrift ?? 'continue'}
          onChange={(e) => props.onChange({ schemaDrift: e.target.value as 'continue' })}
          data-testid="sync-schema-drift"
        >
          <option value="continue">Run anyway and report the change</option>
          <option value="pause">Pause the sync until the mapping is fixed</option>
          <option value="ignore">Do not check</option>
        </select>
      </label>
      <label>
        Pause the schedule after
        <input
          type="number"
          min={1}
          max={1000}
          value={alerts.pauseAfterFailures ?? ''}
          placeholder="never"
          onChange={(e) =>
            props.onChange({
              alerts: {
                ...alerts,
                pauseAfterFailures: e.target.value ? Math.max(1, Math.floor(Number(e.target.value))) : null,
              },
            })
          }
          data-testid="sync-pause-after"
        />
        failed runs in a row
      </label>
      <label>
        Also send alerts to
        <select
          value={alerts.webhookTargetId ?? ''}
          onChange={(e) => props.onChange({ alerts: { ...alerts, webhookTargetId: e.target.value || null } })}
          data-testid="sync-alert-target"
        >
          <option value="">no webhook (desktop notification only)</option>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
