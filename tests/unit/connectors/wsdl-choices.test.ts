import { describe, expect, it } from 'vitest';
import type { WsdlInspection, WsdlOperationInfo } from '../../../shared/models/wsdl-import';
import { connectorIdFrom, defaultWsdlChoices } from '../../../shared/wsdl-choices';

const op = (name: string, role: WsdlOperationInfo['role'], resource: string): WsdlOperationInfo => ({
  name,
  port: 'PolicyPort',
  style: 'document',
  use: 'literal',
  soapAction: '',
  role,
  resource,
  input: [],
  output: [],
  gaps: [],
});

const inspection: WsdlInspection = {
  document: 'file:///policy.wsdl',
  service: 'PolicyService',
  port: 'PolicyPort',
  version: '1.1',
  operations: [
    op('SearchPolicies', 'list', 'policies'),
    op('ListPolicies', 'list', 'policies'),
    op('GetPolicy', 'get', 'policies'),
    op('AmendPolicy', 'update', 'policies'),
    op('CreateClaim', 'create', 'claims'),
    op('Ping', 'other', 'pings'),
  ],
  skipped: [],
  skippedImports: [],
};

describe('defaultWsdlChoices', () => {
  it('groups operations into resources by role, the first operation of each role winning', () => {
    expect(defaultWsdlChoices(inspection)).toEqual([
      { name: 'policies', operations: { list: 'SearchPolicies', get: 'GetPolicy', update: 'AmendPolicy' } },
      { name: 'claims', operations: { create: 'CreateClaim' } },
    ]);
  });

  it('leaves out operations without a role and keeps only the resources asked for', () => {
    expect(defaultWsdlChoices(inspection, ['claims']).map((r) => r.name)).toEqual(['claims']);
    expect(defaultWsdlChoices({ ...inspection, operations: [op('Ping', 'other', 'pings')] })).toEqual([]);
  });
});

describe('connectorIdFrom', () => {
  it('turns a name into a valid connector id', () => {
    expect(connectorIdFrom('Policy Service (prod)')).toBe('policy-service-prod');
    expect(connectorIdFrom('  ÄÖ Versicherung  ')).toBe('versicherung');
    expect(connectorIdFrom('x'.repeat(80))).toHaveLength(63);
    expect(connectorIdFrom('!!')).toBe('imported-soap');
    expect(connectorIdFrom(`${'a'.repeat(62)}-b`)).toMatch(/^[a-z0-9][a-z0-9-]{1,62}$/);
  });
});
