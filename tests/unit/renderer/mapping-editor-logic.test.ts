// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { showValue } from '../../../renderer/src/features/mappings/format';
import {
  KIND_LABELS,
  STEP_KINDS,
  newStep,
  paramLabel,
  paramsOf,
} from '../../../renderer/src/features/mappings/step-fields';
import { ruleInput, traceRule } from '../../../renderer/src/features/mappings/step-trace';
import { TransformStep } from '../../../shared/transforms';
import type { FieldSchema } from '../../../shared/models/field-schema';
import type { MappingDraftRule } from '../../../shared/models/mapping';

const schema: FieldSchema[] = [
  { name: 'email', type: 'string', required: false, readOnly: false, pii: true, path: 'properties.email' },
  { name: 'first', type: 'string', required: false, readOnly: false, pii: false, path: 'properties.firstname' },
  { name: 'last', type: 'string', required: false, readOnly: false, pii: false, path: 'properties.lastname' },
];
const rule = (sources: string[], transforms: { kind: string }[]): MappingDraftRule => ({
  id: 'r',
  target: 'email',
  sources,
  transforms,
  enabled: true,
});
const record = { id: '7', properties: { email: ' Ada@Example.COM ', firstname: 'Ada', lastname: 'Lovelace' } };

describe('the step editor reads its settings from the transform schemas', () => {
  it('offers every transform kind the runtime accepts, each with a label', () => {
    const runtimeKinds = TransformStep.options.map((o) => o.shape.kind.value);
    expect([...STEP_KINDS].sort()).toEqual([...runtimeKinds].sort());
    expect(STEP_KINDS.filter((k) => !KIND_LABELS[k])).toEqual([]);
  });

  it('a new step of any kind, with its pre-filled settings, is one the runtime accepts', () => {
    const refused = STEP_KINDS.filter((kind) => !TransformStep.safeParse(newStep(kind)).success);
    // A lookup table's first row and a constant's value are left for the user to fill in.
    expect(refused.filter((k) => !['lookup', 'constant'].includes(k))).toEqual([]);
  });

  it('describes settings by kind, required-ness and default', () => {
    const split = paramsOf('split');
    expect(split.find((p) => p.name === 'separator')).toMatchObject({ kind: 'text', required: true });
    const kase = paramsOf('case').find((p) => p.kind === 'enum');
    expect(kase?.options?.length).toBeGreaterThan(1);
    expect(paramsOf('no-such-kind')).toEqual([]);
    expect(paramLabel('defaultCountry')).toBe('Default country');
  });
});

describe('the step-by-step trace of a rule on one sample', () => {
  it('starts from one source as its value and from several as a list', () => {
    expect(ruleInput({ sources: ['email'] }, record, schema).value).toBe(' Ada@Example.COM ');
    expect(ruleInput({ sources: ['first', 'last'] }, record, schema).value).toEqual(['Ada', 'Lovelace']);
    expect(ruleInput({ sources: [] }, record, schema).value).toBeUndefined();
  });

  it('keeps every intermediate value, and after a failing step runs none of the rest', async () => {
    const ok = await traceRule(rule(['email'], [{ kind: 'trim' }, { kind: 'email' }]), record, schema);
    expect(ok.steps).toEqual([
      { ok: true, value: 'Ada@Example.COM' },
      { ok: true, value: 'ada@example.com' },
    ]);
    const failed = await traceRule(rule(['first'], [{ kind: 'email' }, { kind: 'trim' }]), record, schema);
    expect(failed.steps[0]).toMatchObject({ ok: false, error: { code: 'transform_error' } });
    expect(failed.steps[1]).toBeNull();
  });

  it('without a sample, has an empty slot per step', async () => {
    const t = await traceRule(rule(['email'], [{ kind: 'trim' }]), undefined, schema);
    expect(t).toEqual({ input: undefined, steps: [null] });
  });
});

describe('sample values in tables', () => {
  it('shows text quoted, missing values as a dash, and cuts long values', () => {
    expect(showValue('Ada')).toBe('"Ada"');
    expect(showValue(undefined)).toBe('—');
    expect(showValue(null)).toBe('null');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    const long = showValue('x'.repeat(100), 10);
    expect(long).toHaveLength(10);
    expect(long.endsWith('…')).toBe(true);
  });
});
