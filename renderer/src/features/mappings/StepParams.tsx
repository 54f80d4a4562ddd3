import { useState } from 'react';
import { paramLabel, paramsOf, type ParamSpec } from './step-fields';

type Step = Record<string, unknown> & { kind: string };

function tableToText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map(
      (e: { from?: unknown; to?: unknown }) =>
        `${String(e.from ?? '')} => ${typeof e.to === 'string' ? e.to : JSON.stringify(e.to)}`,
    )
    .join('\n');
}

function textToTable(text: string): { from: string; to: unknown }[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const at = line.indexOf('=>');
      const from = (at < 0 ? line : line.slice(0, at)).trim();
      const raw = at < 0 ? '' : line.slice(at + 2).trim();
      let to: unknown = raw;
      if (/^(null|true|false|-?\d+(\.\d+)?|\{.*\}|\[.*\])$/.test(raw)) {
        try {
          to = JSON.parse(raw);
        } catch {
          to = raw;
        }
      }
      return { from, to };
    });
}

/** Free text kept while typing (a JSON value or a table is often invalid halfway through). */
function TextParam(props: {
  spec: ParamSpec;
  value: unknown;
  id: string;
  multiline?: boolean;
  toText: (v: unknown) => string;
  fromText: (t: string) => unknown;
  onChange: (v: unknown) => void;
}) {
  const [text, setText] = useState(() => props.toText(props.value));
  const common = {
    id: props.id,
    value: text,
    'data-testid': `param-${props.spec.name}`,
    onChange: (e: { target: { value: string } }) => {
      setText(e.target.value);
      props.onChange(props.fromText(e.target.value));
    },
  };
  return props.multiline ? <textarea rows={3} {...common} /> : <input {...common} />;
}

/** One control per setting of the step, generated from the transform's zod schema. */
export function StepParams(props: { step: Step; idPrefix: string; onChange: (step: Step) => void }) {
  const specs = paramsOf(props.step.kind);
  if (specs.length === 0) return null;
  const set = (name: string, value: unknown) => {
    const next = { ...props.step };
    if (value === undefined || value === '') delete next[name];
    else next[name] = value;
    props.onChange(next);
  };
  return (
    <div className="step-params">
      {specs.map((spec) => {
        const id = `${props.idPrefix}-${spec.name}`;
        const value = props.step[spec.name];
        const placeholder =
          spec.defaultValue !== undefined
            ? `default: ${typeof spec.defaultValue === 'string' ? spec.defaultValue : JSON.stringify(spec.defaultValue)}`
            : spec.required
              ? 'required'
              : 'optional';
        let control;
        switch (spec.kind) {
          case 'enum':
            control = (
              <select
                id={id}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(spec.name, e.target.value || undefined)}
                data-testid={`param-${spec.name}`}
              >
                {!spec.required ? (
                  <option value="">
                    {spec.defaultValue !== undefined ? `(default: ${String(spec.defaultValue)})` : '(none)'}
                  </option>
                ) : null}
                {spec.options!.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            );
            break;
          case 'boolean':
            control = (
              <input
                id={id}
                type="checkbox"
                checked={typeof value === 'boolean' ? value : spec.defaultValue === true}
                onChange={(e) => set(spec.name, e.target.checked)}
                data-testid={`param-${spec.name}`}
              />
            );
            break;
          case 'number':
            control = (
              <input
                id={id}
                type="number"
                value={typeof value === 'number' ? value : ''}
                placeholder={placeholder}
                onChange={(e) => set(spec.name, e.target.value === '' ? undefined : Number(e.target.value))}
                data-testid={`param-${spec.name}`}
              />
            );
            break;
          case 'list':
            control = (
              <TextParam
                spec={spec}
                id={id}
                value={value}
                toText={(v) => (Array.isArray(v) ? v.join(', ') : '')}
                fromText={(t) =>
                  t.trim()
                    ? t
                        .split(',')
                        .map((s) => s.trim())
                        .filter(Boolean)
                    : undefined
                }
                onChange={(v) => set(spec.name, v)}
              />
            );
            break;
          case 'table':
            control = (
              <TextParam
                spec={spec}
                id={id}
                value={value}
                multiline
                toText={tableToText}
                fromText={textToTable}
                onChange={(v) => set(spec.name, v)}
              />
            );
            break;
          case 'json':
            control = (
              <TextParam
                spec={spec}
                id={id}
                value={value}
                toText={(v) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v))}
                fromText={(t) => {
                  try {
                    return JSON.parse(t);
                  } catch {
                    return t; // plain text is a valid JSON string value
                  }
                }}
                onChange={(v) => set(spec.name, v)}
              />
            );
            break;
          default:
            control = (
              <input
                id={id}
                value={typeof value === 'string' ? value : ''}
                placeholder={placeholder}
                onChange={(e) => set(spec.name, spec.required ? e.target.value : e.target.value || undefined)}
                data-testid={`param-${spec.name}`}
                className={spec.name === 'expression' || spec.name === 'template' ? 'code-input' : undefined}
              />
            );
        }
        return (
          <label key={spec.name} htmlFor={id} className={`step-param param-${spec.kind}`}>
            <span>
              {paramLabel(spec.name)}
              {spec.kind === 'table' ? <small className="muted"> (one “from =&gt; to” per line)</small> : null}
              {spec.kind === 'list' ? <small className="muted"> (comma separated)</small> : null}
            </span>
            {control}
          </label>
        );
      })}
    </div>
  );
}
