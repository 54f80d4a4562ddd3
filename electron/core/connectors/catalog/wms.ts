import type { ConnectorDefinitionInput } from '../../../../shared/models/connector';
import type { FieldSchemaInput } from '../../../../shared/models/field-schema';
import { buildWsdlDefinition, inspectWsdlBundle } from '../soap/import';
import { wsdl } from '../../../../shared/vendor-contracts/wms-wsdl';

/**
 * Warehouse WMS (SOAP): an import of the warehouse's WSDL like any other (the same importer as
 * `patchbay connectors import-wsdl`), plus what a WSDL cannot say: which fields are personal data
 * or have a format, the catalog presentation and the auth the service uses. SOAP 1.1
 * document/literal wrapped, WS-Security UsernameToken (PasswordDigest or PasswordText); faults carry a
 * `WmsFault {code, field, message}` detail; shipments are keyed by the order reference and lists page by
 * `pageNumber`/`pageSize` in the body.
 */
const WSDL_URL = 'https://wms.example.invalid/soap/WarehouseService?wsdl';

const imported = buildWsdlDefinition(
  inspectWsdlBundle({
    root: WSDL_URL,
    documents: { [WSDL_URL]: wsdl('https://wms.example.invalid/soap/WarehouseService') },
  }),
  {
    id: 'wms-soap',
    name: 'Warehouse WMS (SOAP)',
    resources: [
      {
        name: 'shipments',
        label: 'Shipments',
        primaryKey: 'orderReference',
        operations: { list: 'ListShipments', get: 'GetShipment', create: 'CreateShipment', update: 'UpdateShipment' },
      },
    ],
  },
);

const HINTS: Record<string, Partial<FieldSchemaInput>> = {
  orderReference: { description: 'Your order number; one shipment per order' },
  status: { enum: ['created', 'picking', 'packed', 'shipped', 'delivered', 'cancelled'] },
  shipTo_name: { pii: true },
  shipTo_line1: { pii: true },
  shipTo_line2: { pii: true },
  shipTo_postalCode: { format: 'postal_code' },
  shipTo_country: { format: 'country' },
  shipTo_phone: { format: 'phone', pii: true },
  lines: { description: '{sku, quantity, description}' },
};

const [shipments] = imported.resources;
export const wmsConnector: ConnectorDefinitionInput = {
  ...imported,
  description: 'Shipments in a warehouse system with a SOAP 1.1 web service (WSDL, WS-Security UsernameToken).',
  logo: 'wms',
  docsUrl: 'https://docs.oasis-open.org/wss/v1.1/wss-v1.1-spec-os-UsernameTokenProfile.pdf',
  followsApi: 'SOAP 1.1 document/literal web service (WSDL 1.1) with WS-Security UsernameToken',
  baseUrlTemplate: 'https://{host}',
  settings: [{ name: 'host', label: 'WMS host (and port)' }],
  authKinds: ['wsse'],
  rateLimits: { requestsPerSecond: 20, burst: 20, maxConcurrency: 2 },
  source: 'builtin',
  resources: [
    {
      ...shipments!,
      fields: shipments!.fields.map((f) => ({ ...f, ...HINTS[f.name] })),
      operations: {
        ...shipments!.operations,
        // CreateShipment is idempotent per orderReference (answers `created: false` for a repeat).
        create: { ...shipments!.operations.create!, idempotent: true },
      },
    },
  ],
};
