// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WsdlImportInput, WsdlInspection, WsdlOperationInfo } from '../../../shared/models/wsdl-import';

afterEach(cleanup);

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
  document: 'https://soap.example.org/policy?wsdl',
  service: 'Policy Service',
  port: 'PolicyPort',
  version: '1.2',
  endpoint: 'https://soap.example.org/policy',
  operations: [
    op('ListPolicies', 'list', 'policies'),
    op('GetPolicy', 'get', 'policies'),
    op('CreateClaim', 'create', 'claims'),
  ],
  skipped: [{ operation: 'UploadScan', reason: 'uses an unsupported construct' }],
  skippedImports: [],
};

// The bridge the preload installs, answering like main does: what the wizard sends is what is checked.
const sent: { inspect: unknown[]; import: WsdlImportInput[] } = { inspect: [], import: [] };
let WsdlImport: typeof import('../../../renderer/src/features/connections/WsdlImport').WsdlImport;
beforeAll(async () => {
  Object.assign(window, {
    patchbay: {
      connectors: {
        inspectWsdl: async (input: unknown) => (sent.inspect.push(input), { ok: true, value: inspection }),
        importWsdl: async (input: WsdlImportInput) => (
          sent.import.push(input),
          { ok: true, value: { id: input.id, name: input.name, resources: [] } }
        ),
      },
    },
  });
  ({ WsdlImport } = await import('../../../renderer/src/features/connections/WsdlImport'));
});

describe('WsdlImport', () => {
  it('reads the WSDL, shows its service and skipped parts, and imports only the ticked resources under the name', async () => {
    const done: unknown[] = [];
    render(<WsdlImport onDone={(d) => done.push(d)} onCancel={() => undefined} />);
    fireEvent.change(screen.getByTestId('wsdl-source'), {
      target: { value: ' https://soap.example.org/policy?wsdl ' },
    });
    fireEvent.click(screen.getByTestId('wsdl-inspect'));
    await waitFor(() => expect(screen.getByTestId('wsdl-summary').textContent).toContain('SOAP 1.2'));
    expect(sent.inspect).toEqual([{ source: 'https://soap.example.org/policy?wsdl' }]);
    expect(screen.getByTestId('wsdl-skipped').textContent).toContain('UploadScan');

    fireEvent.click(screen.getByTestId('wsdl-resource-claims'));
    fireEvent.change(screen.getByTestId('wsdl-name'), { target: { value: 'Insurer (prod)' } });
    fireEvent.click(screen.getByTestId('wsdl-submit'));
    await waitFor(() => expect(done).toHaveLength(1));
    expect(sent.import).toEqual([
      {
        source: 'https://soap.example.org/policy?wsdl',
        id: 'insurer-prod',
        name: 'Insurer (prod)',
        resources: [{ name: 'policies', operations: { list: 'ListPolicies', get: 'GetPolicy' } }],
      },
    ]);
  });

  it('cannot import with every resource unticked', async () => {
    render(<WsdlImport onDone={() => undefined} onCancel={() => undefined} />);
    fireEvent.change(screen.getByTestId('wsdl-source'), { target: { value: 'https://soap.example.org/policy?wsdl' } });
    fireEvent.click(screen.getByTestId('wsdl-inspect'));
    await waitFor(() => screen.getByTestId('wsdl-summary'));
    fireEvent.click(screen.getByTestId('wsdl-resource-claims'));
    fireEvent.click(screen.getByTestId('wsdl-resource-policies'));
    expect((screen.getByTestId('wsdl-submit') as HTMLButtonElement).disabled).toBe(true);
  });
});
