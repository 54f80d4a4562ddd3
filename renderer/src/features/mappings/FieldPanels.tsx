import { makeGetter } from '../../../../shared/mapping/source-paths';
import type { FieldSchema } from '../../../../shared/models/field-schema';
import { showValue } from './format';

/** Source fields: type, a sample value from the fetched records, PII badge, whether a rule reads it. */
export function SourceFields(props: {
  schema: FieldSchema[];
  sample?: Record<string, unknown>;
  read: Set<string>;
  fetched: string[] | null;
}) {
  return (
    <section className="field-panel" aria-labelledby="source-fields-title" data-testid="source-fields">
      <h3 id="source-fields-title">Source fields</h3>
      <ul>
        {props.schema.map((f) => {
          const inSample = props.fetched === null || props.fetched.includes(f.name);
          const value = props.sample && inSample ? makeGetter((f.path ?? f.name).split('.'))(props.sample) : undefined;
          return (
            <li
              key={f.name}
              className={props.read.has(f.name) ? 'field-read' : 'field-unread'}
              data-testid={`source-field-${f.name}`}
            >
              <div className="field-line">
                <strong>{f.name}</strong>{' '}
                <span className="type">
                  {f.type}
                  {f.format ? ` · ${f.format}` : ''}
                </span>
                {f.pii ? (
                  <span className="badge warn" title="Personal data">
                    PII
                  </span>
                ) : null}
              </div>
              <div className="field-sample">
                {inSample ? (
                  <code>{showValue(value, 40)}</code>
                ) : (
                  <span className="muted">not fetched: no rule reads it</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Target fields: required markers, type, and whether a rule fills them. */
export function TargetFields(props: {
  schema: FieldSchema[];
  mapped: Set<string>;
  unmappedRequired: string[];
  onAddRule: (target: string) => void;
}) {
  return (
    <section className="field-panel" aria-labelledby="target-fields-title" data-testid="target-fields">
      <h3 id="target-fields-title">Target fields</h3>
      <ul>
        {props.schema.map((f) => (
          <li
            key={f.name}
            className={props.mapped.has(f.name) ? 'field-read' : 'field-unread'}
            data-testid={`target-field-${f.name}`}
          >
            <div className="field-line">
              <strong>{f.name}</strong>
              {f.required ? (
                <abbr className="required" title="required">
                  *
                </abbr>
              ) : null}{' '}
              <span className="type">
                {f.type}
                {f.format ? ` · ${f.format}` : ''}
                {f.readOnly ? ' · read-only' : ''}
                {f.maxLength ? ` · max ${f.maxLength}` : ''}
              </span>
              {f.pii ? <span className="badge warn">PII</span> : null}
            </div>
            {f.enum ? <div className="muted small-text">one of {f.enum.join(', ')}</div> : null}
            {!f.readOnly && !props.mapped.has(f.name) ? (
              <button
                type="button"
                className="small link-button"
                onClick={() => props.onAddRule(f.name)}
                aria-label={`Add a rule for ${f.name}`}
                data-testid={`add-rule-${f.name}`}
              >
                + rule
              </button>
            ) : null}
            {props.unmappedRequired.includes(f.name) ? (
              <div className="error-text small-text">required, no rule fills it</div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
