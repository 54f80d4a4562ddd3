import type { SearchRecipe } from './adapters/connector-target';

/**
 * How the built-in connectors find one record by a match field, until connector definitions
 * declare a search operation: Stripe's Search API, HubSpot's read-by-unique-property.
 * Unknown combinations return undefined: the target adapter then scans the list (small targets only).
 */
export function searchRecipeFor(connectorId: string, resource: string, matchField: string): SearchRecipe | undefined {
  if (connectorId === 'billing-stripe' && (resource === 'customers' || resource === 'invoices')) {
    const field = matchField.startsWith('metadata_')
      ? `metadata['${matchField.slice('metadata_'.length)}']`
      : matchField;
    return { path: `/v1/${resource}/search`, query: { query: `${field}:'{key}'`, limit: '1' }, recordSelector: 'data' };
  }
  if (connectorId === 'crm-hubspot') {
    const unique = resource === 'contacts' ? 'email' : resource === 'companies' ? 'domain' : null;
    if (unique && matchField === unique)
      return { path: `/crm/v3/objects/${resource}/{key}`, query: { idProperty: unique }, recordSelector: '' };
  }
  return undefined;
}
