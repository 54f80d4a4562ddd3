import type { WsdlImportInput, WsdlInspection } from './models/wsdl-import';

export type WsdlResourceChoices = WsdlImportInput['resources'];

/**
 * The import a WSDL inspection suggests: one resource per noun, with the first operation of each role its name
 * suggests (ListPolicies → policies.list). Shared by the CLI's non-interactive import and the app's wizard, which
 * lets the user untick resources. Type-only imports: the CLI loads this without the schema library.
 */
export function defaultWsdlChoices(inspection: WsdlInspection, only?: string[]): WsdlResourceChoices {
  const byResource = new Map<string, WsdlResourceChoices[number]>();
  for (const op of inspection.operations) {
    if (op.role === 'other') continue;
    if (only?.length && !only.includes(op.resource)) continue;
    const rc = byResource.get(op.resource) ?? { name: op.resource, operations: {} };
    rc.operations[op.role] ??= op.name;
    byResource.set(op.resource, rc);
  }
  return [...byResource.values()].filter((r) => Object.keys(r.operations).length > 0);
}

/** A connector id from the name the user typed ("Policy Service (prod)" → "policy-service-prod"). */
export function connectorIdFrom(name: string, fallback = 'imported-soap'): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 63)
    .replace(/-$/, '');
  return id.length >= 2 ? id : fallback;
}
