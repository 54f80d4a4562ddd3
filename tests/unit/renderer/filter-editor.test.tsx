// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FilterEditor } from '../../../renderer/src/features/mappings/FilterEditor';
import { FieldSchema } from '../../../shared/models/field-schema';
import type { Draft } from '../../../renderer/src/stores/mappings';

afterEach(cleanup);

const schema = [
  { name: 'email', type: 'string' },
  { name: 'lifecyclestage', type: 'string' },
].map((f) => FieldSchema.parse(f));
const draft = (filter?: Draft['filter']): Draft => ({
  name: 'm',
  source: { connectionId: 'a', resource: 'contacts' },
  target: { connectionId: 'b', resource: 'customers' },
  rules: [],
  matchKey: null,
  unmappedRequired: 'error',
  requiredDefaults: {},
  piiAcknowledged: null,
  ...(filter ? { filter } : {}),
});

describe('FilterEditor', () => {
  it('builds a condition the shared filter model accepts, and removing the last one removes the filter', () => {
    const patches: Partial<Draft>[] = [];
    const { rerender } = render(
      <FilterEditor draft={draft()} sourceSchema={schema} onChange={(p) => patches.push(p)} />,
    );
    fireEvent.click(screen.getByTestId('filter-add'));
    expect(patches.at(-1)?.filter).toEqual({ match: 'all', conditions: [{ field: 'email', op: 'eq', value: '' }] });

    rerender(
      <FilterEditor draft={draft(patches.at(-1)!.filter)} sourceSchema={schema} onChange={(p) => patches.push(p)} />,
    );
    fireEvent.change(screen.getByLabelText('Field'), { target: { value: 'lifecyclestage' } });
    rerender(
      <FilterEditor draft={draft(patches.at(-1)!.filter)} sourceSchema={schema} onChange={(p) => patches.push(p)} />,
    );
    fireEvent.change(screen.getByLabelText('Operator'), { target: { value: 'in' } });
    rerender(
      <FilterEditor draft={draft(patches.at(-1)!.filter)} sourceSchema={schema} onChange={(p) => patches.push(p)} />,
    );
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: 'customer, evangelist' } });
    expect(patches.at(-1)?.filter).toEqual({
      match: 'all',
      conditions: [{ field: 'lifecyclestage', op: 'in', value: ['customer', 'evangelist'] }],
    });

    rerender(
      <FilterEditor draft={draft(patches.at(-1)!.filter)} sourceSchema={schema} onChange={(p) => patches.push(p)} />,
    );
    fireEvent.click(screen.getByLabelText('Remove condition'));
    expect(patches.at(-1)).toEqual({ filter: undefined });
  });

  it('says why a filter it cannot show is broken, and offers to remove it', () => {
    render(
      <FilterEditor
        draft={draft({ conditions: [{ field: 'email', op: 'gt' }] })}
        sourceSchema={schema}
        onChange={() => undefined}
      />,
    );
    expect(screen.getByTestId('filter-editor').textContent).toContain('gt needs a value');
  });
});
