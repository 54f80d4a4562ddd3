import type { MappingInput } from '../../shared/models/mapping';
import type { SyncDefinitionInput } from '../../shared/models/sync';
import { xeroConnector } from '../core/connectors/catalog/xero';
import { CRM_CONTACT_FIELDS, demoSyncDefinition } from './mapping';

/**
 * The accounting side of the demo: CRM contacts → Xero contacts, matched by e-mail, beside the
 * CRM → billing mapping. Xero contact names are unique among active contacts, and two people in a
 * CRM often share a name, so the name carries the CRM id; ContactNumber keeps it too.
 */
export const ACCOUNTING_MAPPING_ID = 'demo-crm-contacts-to-accounting-contacts';
export const ACCOUNTING_SYNC_ID = 'demo-crm-to-accounting';

export const XERO_CONTACT_FIELDS = xeroConnector.resources.find((r) => r.name === 'contacts')!.fields;

/** CRM properties the mapping reads (what the source is asked for). */
export const ACCOUNTING_CRM_PROPERTIES = ['email', 'firstname', 'lastname'];

export function accountingMapping(connections: { crm: string; accounting: string }, version = 1): MappingInput {
  return {
    id: ACCOUNTING_MAPPING_ID,
    name: 'CRM contacts → accounting contacts',
    version,
    source: { connectionId: connections.crm, resource: 'contacts' },
    target: { connectionId: connections.accounting, resource: 'contacts' },
    matchKey: { sourceRule: 'x-email', targetField: 'EmailAddress', normalization: 'email' },
    unmappedRequired: 'error',
    schemas: { source: CRM_CONTACT_FIELDS, target: XERO_CONTACT_FIELDS },
    updatedAt: '2026-12-01T00:00:00.000Z',
    rules: (
      [
        {
          id: 'x-email',
          target: 'EmailAddress',
          sources: ['email'],
          transforms: [{ kind: 'email', onInvalid: 'null' }],
        },
        {
          id: 'x-name',
          target: 'Name',
          sources: ['firstname', 'lastname', 'id'],
          transforms: [
            { kind: 'template', template: '{0} {1} (CRM {2})' },
            { kind: 'collapse_spaces' },
            { kind: 'trim' },
          ],
        },
        { id: 'x-first', target: 'FirstName', sources: ['firstname'], transforms: [{ kind: 'trim' }] },
        {
          id: 'x-last',
          target: 'LastName',
          sources: ['lastname'],
          transforms: [{ kind: 'trim' }, { kind: 'case', to: 'title' }],
        },
        {
          id: 'x-number',
          target: 'ContactNumber',
          sources: ['id'],
          transforms: [{ kind: 'template', template: 'CRM-{0}' }],
        },
      ] satisfies NonNullable<MappingInput['rules']>
    ).map((rule) => ({ ...rule, onlyWhenChanged: true })),
  };
}

export function accountingSync(): SyncDefinitionInput {
  return demoSyncDefinition(ACCOUNTING_SYNC_ID, 'Demo: CRM contacts → accounting contacts', ACCOUNTING_MAPPING_ID);
}
