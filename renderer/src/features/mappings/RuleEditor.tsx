import { useEffect, useState } from 'react';
import type { RuleIssue } from '../../../../shared/mapping/types';
import type { FieldSchema } from '../../../../shared/models/field-schema';
import type { MappingDraftRule } from '../../../../shared/models/mapping';
import { showValue } from './format';
import { KIND_LABELS, STEP_KINDS, newStep } from './step-fields';
import { StepParams } from './StepParams';
import { traceRule, type RuleTrace } from './step-trace';
import { TransformTester } from './TransformTester';

type Step = Record<string, unknown> & { kind: string };

interface Props {
  rule: MappingDraftRule;
  sourceSchema: FieldSchema[];
  targetSchema: FieldSchema[];
  /** Targets other rules already write (offered, but marked). */
  takenTargets: Set<string>;
  issue?: RuleIssue;
  sample?: Record<string, unknown>;
  onChange: (rule: MappingDraftRule) => void;
  onRemove: () => void;
}

/** One rule: target ← source(s) through a chain of steps, each with its output on the chosen sample. */
export function RuleEditor({
  rule,
  sourceSchema,
  targetSchema,
  takenTargets,
  issue,
  sample,
  onChange,
  onRemove,
}: Props) {
  const [trace, setTrace] = useState<RuleTrace>();
  const [adding, setAdding] = useState('');
  const [testing, setTesting] = useState<number | null>(null);
  const id = `rule-${rule.id}`;
  const steps = rule.transforms as Step[];

  useEffect(() => {
    let live = true;
    void traceRule(rule, sample, sourceSchema).then((t) => live && setTrace(t));
    return () => {
      live = false;
    };
  }, [rule, sample, sourceSchema]);

  const setSteps = (next: Step[]) => onChange({ ...rule, transforms: next });
  const moveStep = (i: number, by: number) => {
    const next = [...steps];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s!);
    setSteps(next);
  };
  const sourceType = rule.sources.length === 1 ? sourceSchema.find((f) => f.name === rule.sources[0])?.type : undefined;
  const writable = targetSchema.filter((f) => !f.readOnly || f.name === rule.target);

  return (
    <li
      className={`rule${issue ? ' rule-broken' : ''}${rule.enabled ? '' : ' rule-disabled'}`}
      data-testid={`rule-${rule.target}`}
      aria-labelledby={`${id}-title`}
    >
      <div className="rule-head">
        <h4 id={`${id}-title`} className="visually-hidden">
          Rule for {rule.target}
        </h4>
        <label className="rule-target">
          <span>Target field</span>
          <select
            value={rule.target}
            onChange={(e) => onChange({ ...rule, target: e.target.value })}
            data-testid="rule-target"
          >
            {!writable.some((f) => f.name === rule.target) ? (
              <option value={rule.target}>{rule.target} (not in target)</option>
            ) : null}
            {writable.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
                {f.required ? ' *' : ''}
                {takenTargets.has(f.name) && f.name !== rule.target ? ' (has a rule)' : ''}
              </option>
            ))}
          </select>
        </label>
        <span aria-hidden className="rule-arrow">
          ←
        </span>
        <div className="rule-sources" role="group" aria-label={`Source fields for ${rule.target}`}>
          {rule.sources.map((source, i) => (
            <span key={i} className="rule-source">
              <select
                aria-label={`Source field ${i + 1} for ${rule.target}`}
                value={source}
                onChange={(e) =>
                  onChange({ ...rule, sources: rule.sources.map((s, j) => (j === i ? e.target.value : s)) })
                }
                data-testid="rule-source"
              >
                {!sourceSchema.some((f) => f.name === source) ? (
                  <option value={source}>{source} (not in source)</option>
                ) : null}
                {sourceSchema.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove source ${source}`}
                onClick={() => onChange({ ...rule, sources: rule.sources.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </span>
          ))}
          <button
            type="button"
            className="small"
            onClick={() => onChange({ ...rule, sources: [...rule.sources, sourceSchema[0]?.name ?? ''] })}
            data-testid="rule-add-source"
          >
            + source
          </button>
        </div>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={rule.enabled}
            onChange={(e) => onChange({ ...rule, enabled: e.target.checked })}
          />
          On
        </label>
        <label
          className="inline-check"
          title="On update, leave this field out when the target already holds the same value"
        >
          <input
            type="checkbox"
            checked={!!rule.onlyWhenChanged}
            onChange={(e) => onChange({ ...rule, onlyWhenChanged: e.target.checked || undefined })}
          />
          Only when changed
        </label>
        <button
          type="button"
          className="danger-outline small"
          onClick={onRemove}
          aria-label={`Remove rule for ${rule.target}`}
          data-testid="rule-remove"
        >
          Remove
        </button>
      </div>
      {issue ? (
        <p className="error-text rule-issue" role="alert" data-testid="rule-issue">
          {issue.message}
        </p>
      ) : null}
      <ol className="steps" aria-label={`Transform steps for ${rule.target}`}>
        <li className="step step-input">
          <span className="muted">Sample input</span> <code data-testid="rule-input">{showValue(trace?.input)}</code>
        </li>
        {steps.map((step, i) => {
          const out = trace?.steps[i];
          const stepId = `${id}-step-${i}`;
          return (
            <li key={i} className="step" data-testid={`step-${i}`}>
              <div className="step-head">
                <label htmlFor={`${stepId}-kind`} className="visually-hidden">
                  Step {i + 1} kind
                </label>
                <select
                  id={`${stepId}-kind`}
                  value={step.kind}
                  onChange={(e) => setSteps(steps.map((s, j) => (j === i ? (newStep(e.target.value) as Step) : s)))}
                  data-testid="step-kind"
                >
                  {STEP_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k] ?? k}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move step ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => moveStep(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move step ${i + 1} down`}
                  disabled={i === steps.length - 1}
                  onClick={() => moveStep(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="small"
                  aria-expanded={testing === i}
                  onClick={() => setTesting(testing === i ? null : i)}
                  data-testid="step-test-toggle"
                >
                  Test this transform
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove step ${i + 1}`}
                  onClick={() => setSteps(steps.filter((_, j) => j !== i))}
                  data-testid="step-remove"
                >
                  ×
                </button>
              </div>
              <StepParams
                key={step.kind}
                step={step}
                idPrefix={stepId}
                onChange={(next) => setSteps(steps.map((s, j) => (j === i ? next : s)))}
              />
              <div className="step-output" data-testid="step-output">
                {out === undefined ? null : out === null ? (
                  <span className="muted">not run (an earlier step failed)</span>
                ) : out.ok ? (
                  <>
                    <span className="muted">→</span> <code>{showValue(out.value)}</code>
                  </>
                ) : (
                  <span className="error-text">✗ {out.error.message}</span>
                )}
              </div>
              {testing === i ? (
                <TransformTester step={step} type={i === 0 ? sourceType : undefined} idPrefix={stepId} />
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="add-step">
        <label htmlFor={`${id}-add`} className="visually-hidden">
          Add a step to {rule.target}
        </label>
        <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.target.value)} data-testid="add-step-kind">
          <option value="">Add a step…</option>
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k] ?? k}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="small"
          disabled={!adding}
          onClick={() => {
            setSteps([...steps, newStep(adding) as Step]);
            setAdding('');
          }}
          data-testid="add-step"
        >
          Add step
        </button>
      </div>
    </li>
  );
}
