import type { FieldSchema } from '../../../../shared/models/field-schema';
import {
  MatchKeyNormalization,
  UnmappedRequiredPolicy,
  type MappingDraftRule,
  type MatchKey,
} from '../../../../shared/models/mapping';
import type { Draft } from '../../stores/mappings';

/** Which rule's output finds the record's twin in the target, and what to do with empty required fields. */
export function MatchKeyPicker(props: {
  draft: Draft;
  rules: MappingDraftRule[];
  targetSchema: FieldSchema[];
  onChange: (patch: Partial<Draft>) => void;
}) {
  const key = props.draft.matchKey;
  const setKey = (patch: Partial<MatchKey> | null) => {
    if (patch === null) return props.onChange({ matchKey: null });
    const next = {
      targetField: key?.targetField ?? '',
      normalization: key?.normalization ?? 'trim',
      sourceRule: key?.sourceRule,
      ...patch,
    } as MatchKey;
    props.onChange({ matchKey: next });
  };
  return (
    <section className="card match-key" aria-labelledby="match-key-title">
      <h3 id="match-key-title">Match key</h3>
      <p className="muted">
        How a source record finds its twin in the target, so it is updated instead of created twice.
      </p>
      <div className="match-key-row">
        <label>
          Source (a rule's output)
          <select
            value={key?.sourceRule ?? ''}
            onChange={(e) => {
              const rule = props.rules.find((r) => r.id === e.target.value);
              if (!rule) return setKey(null);
              setKey({
                sourceRule: rule.id,
                targetField: rule.target,
                normalization:
                  key?.normalization ??
                  (props.targetSchema.find((f) => f.name === rule.target)?.format === 'email' ? 'email' : 'trim'),
              });
            }}
            data-testid="match-key-rule"
          >
            <option value="">No match key (always create)</option>
            {props.rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.target} ← {r.sources.join(' + ') || 'constant'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Compared with target field
          <select
            value={key?.targetField ?? ''}
            disabled={!key}
            onChange={(e) => setKey({ targetField: e.target.value })}
            data-testid="match-key-target"
          >
            {props.targetSchema.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Normalized as
          <select
            value={key?.normalization ?? 'trim'}
            disabled={!key}
            onChange={(e) => setKey({ normalization: e.target.value as MatchKey['normalization'] })}
            data-testid="match-key-normalization"
          >
            {MatchKeyNormalization.options.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Empty required field
          <select
            value={props.draft.unmappedRequired}
            onChange={(e) => props.onChange({ unmappedRequired: e.target.value as Draft['unmappedRequired'] })}
            data-testid="unmapped-policy"
          >
            {UnmappedRequiredPolicy.options.map((p) => (
              <option key={p} value={p}>
                {p === 'error' ? 'is an error' : p === 'skip_record' ? 'skips the record' : 'gets a default'}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
