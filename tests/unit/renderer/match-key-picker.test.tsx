// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldSchema } from '../../../shared/models/field-schema';
import { MatchKeyPicker } from '../../../renderer/src/features/mappings/MatchKeyPicker';
import type { Draft } from '../../../renderer/src/stores/mappings';

afterEach(cleanup);

const targetSchema: FieldSchema[] = [
  { name: 'email', type: 'string', format: 'email', required: false, readOnly: false, pii: true },
  { name: 'name', type: 'string', required: false, readOnly: false, pii: false },
];
const rules: Draft['rules'] = [
  { id: 'r-email', target: 'email', sources: ['email'], transforms: [], enabled: true },
  { id: 'r-name', target: 'name', sources: ['first', 'last'], transforms: [], enabled: true },
];
const draft: Draft = {
  name: 'CRM → billing',
  source: { connectionId: 'crm', resource: 'contacts' },
  target: { connectionId: 'billing', resource: 'customers' },
  rules,
  matchKey: null,
  unmappedRequired: 'error',
  requiredDefaults: {},
  piiAcknowledged: null,
};

describe('the match key picker', () => {
  it('lists the rules by what they write and read, and picks e-mail comparison for an e-mail field', () => {
    const changes: Partial<Draft>[] = [];
    render(
      <MatchKeyPicker draft={draft} rules={rules} targetSchema={targetSchema} onChange={(p) => changes.push(p)} />,
    );
    const select = screen.getByTestId('match-key-rule');
    expect(screen.getByRole('option', { name: 'name ← first + last' })).toBeTruthy();
    fireEvent.change(select, { target: { value: 'r-email' } });
    expect(changes.at(-1)).toEqual({
      matchKey: { sourceRule: 'r-email', targetField: 'email', normalization: 'email' },
    });
    fireEvent.change(select, { target: { value: '' } });
    expect(changes.at(-1)).toEqual({ matchKey: null });
  });
});
