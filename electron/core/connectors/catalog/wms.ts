import type { ConnectorDefinitionInput, OperationInput } from '../../../../shared/models/connector';

/**
 * Warehouse WMS (SOAP): a SOAP 1.1 document/literal-wrapped web service described by a WSDL (served
 * at `?wsdl`), authenticated with WS-Security UsernameToken (OASIS Username Token Profile 1.0,
 * PasswordDigest or PasswordText) — the shape of classic warehouse systems' shipment services.
 * Faults are SOAP 1.1 `faultcode`/`faultstring` with a `WmsFault {code, field, message}` detail.
 * Shipments are keyed by the order reference; lists page by `pageNumber`/`pageSize` in the body.
 */
const ENDPOINT = '/soap/WarehouseService';
const soap = (soapOperation: string, recordSelector: string, extra: Partial<OperationInput> = {}): OperationInput => ({
  method: 'POST',
  path: ENDPOINT,
  bodyEncoding: 'soap',
  responseFormat: 'xml',
  soapOperation,
  recordSelector,
  ...extra,
});

export const wmsConnector: ConnectorDefinitionInput = {
  id: 'wms-soap',
  name: 'Warehouse WMS (SOAP)',
  kind: 'soap',
  description: 'Shipments in a warehouse system with a SOAP 1.1 web service (WSDL, WS-Security UsernameToken).',
  logo: 'wms',
  docsUrl: 'https://docs.oasis-open.org/wss/v1.1/wss-v1.1-spec-os-UsernameTokenProfile.pdf',
  followsApi: 'SOAP 1.1 document/literal web service (WSDL 1.1) with WS-Security UsernameToken',
  baseUrlTemplate: 'https://{host}',
  settings: [{ name: 'host', label: 'WMS host (and port)' }],
  authKinds: ['wsse'],
  soap: { wsdl: `${ENDPOINT}?wsdl`, version: '1.1' },
  rateLimits: { requestsPerSecond: 20, burst: 20, maxConcurrency: 2 },
  testCall: { resource: 'shipments', operation: 'list' },
  resources: [
    {
      name: 'shipments',
      label: 'Shipments',
      primaryKey: 'orderReference',
      cursorField: 'updatedAt',
      fields: [
        {
          name: 'orderReference',
          type: 'string',
          required: true,
          description: 'Your order number; one shipment per order',
        },
        { name: 'shipmentId', type: 'string', readOnly: true },
        { name: 'status', type: 'string', enum: ['created', 'picking', 'packed', 'shipped', 'delivered', 'cancelled'] },
        { name: 'carrier', type: 'string', readOnly: true },
        { name: 'createdAt', type: 'datetime', readOnly: true },
        { name: 'updatedAt', type: 'datetime', readOnly: true },
        { name: 'version', type: 'integer', readOnly: true },
        { name: 'shipTo', type: 'object', pii: true },
        { name: 'shipTo_name', type: 'string', path: 'shipTo.name', pii: true, required: true },
        { name: 'shipTo_line1', type: 'string', path: 'shipTo.line1', pii: true, required: true },
        { name: 'shipTo_line2', type: 'string', path: 'shipTo.line2', pii: true },
        { name: 'shipTo_postalCode', type: 'string', path: 'shipTo.postalCode', format: 'postal_code' },
        { name: 'shipTo_city', type: 'string', path: 'shipTo.city', required: true },
        { name: 'shipTo_country', type: 'string', path: 'shipTo.country', format: 'country', required: true },
        { name: 'shipTo_phone', type: 'string', path: 'shipTo.phone', format: 'phone', pii: true },
        {
          name: 'lines',
          type: 'array',
          path: 'lines.line',
          required: true,
          description: '{sku, quantity, description}',
        },
      ],
      operations: {
        list: soap('ListShipments', 'ListShipmentsResponse.shipments.shipment', {
          pagination: { style: 'page_number', pageParam: 'pageNumber', sizeParam: 'pageSize', firstPage: 1 },
          pageSize: 100,
          incremental: { param: 'updatedSince', format: 'iso8601' },
        }),
        get: soap('GetShipment', 'GetShipmentResponse.shipment'),
        // CreateShipment is idempotent per orderReference (answers `created: false` for a repeat).
        create: soap('CreateShipment', 'CreateShipmentResponse.shipment', { idempotent: true }),
        update: soap('UpdateShipment', 'UpdateShipmentResponse.shipment'),
      },
    },
  ],
};
