import type { ConnectorDefinitionInput } from '../../../../shared/models/connector';

/**
 * Warehouse WMS (SOAP): a document/literal SOAP 1.1 service described by a WSDL, authenticated with
 * WS-Security UsernameToken (OASIS Username Token Profile 1.0) — the shape of classic warehouse
 * systems' web services. Faults are SOAP 1.1 `faultcode`/`faultstring`. Paging is by page number in
 * the request body.
 */
export const wmsConnector: ConnectorDefinitionInput = {
  id: 'wms-soap',
  name: 'Warehouse WMS (SOAP)',
  kind: 'soap',
  description: 'Stock levels and shipments in a warehouse system with a SOAP 1.1 web service (WSDL, WS-Security).',
  logo: 'wms',
  docsUrl: 'https://www.w3.org/TR/2000/NOTE-SOAP-20000508/',
  followsApi: 'SOAP 1.1 document/literal web service with WS-Security UsernameToken',
  baseUrlTemplate: 'https://{host}/wms',
  settings: [{ name: 'host', label: 'WMS host' }],
  authKinds: ['wsse'],
  soap: { wsdl: '/wms?wsdl', version: '1.1' },
  rateLimits: { requestsPerSecond: 10, burst: 10, maxConcurrency: 2 },
  testCall: { resource: 'stock', operation: 'list' },
  resources: [
    {
      name: 'stock',
      label: 'Stock items',
      primaryKey: 'sku',
      cursorField: 'updatedAt',
      fields: [
        { name: 'sku', type: 'string', required: true },
        { name: 'description', type: 'string' },
        { name: 'warehouse', type: 'string' },
        { name: 'onHand', type: 'integer' },
        { name: 'reserved', type: 'integer' },
        { name: 'available', type: 'integer', readOnly: true },
        { name: 'updatedAt', type: 'datetime', readOnly: true },
      ],
      operations: {
        list: {
          method: 'POST',
          path: '/wms',
          bodyEncoding: 'soap',
          responseFormat: 'xml',
          soapOperation: 'ListStock',
          recordSelector: 'ListStockResponse.items.item',
          pagination: { style: 'page_number', pageParam: 'page', sizeParam: 'pageSize', firstPage: 1 },
          pageSize: 100,
          incremental: { param: 'updatedSince', format: 'iso8601' },
        },
        get: { method: 'POST', path: '/wms', bodyEncoding: 'soap', responseFormat: 'xml', soapOperation: 'GetStockItem', recordSelector: 'GetStockItemResponse.item' },
        update: { method: 'POST', path: '/wms', bodyEncoding: 'soap', responseFormat: 'xml', soapOperation: 'AdjustStock', recordSelector: 'AdjustStockResponse.item' },
      },
    },
    {
      name: 'shipments',
      label: 'Shipments',
      primaryKey: 'shipmentId',
      fields: [
        { name: 'shipmentId', type: 'string', readOnly: true },
        { name: 'orderRef', type: 'string', required: true },
        { name: 'status', type: 'string', readOnly: true },
        { name: 'carrier', type: 'string' },
        { name: 'recipientName', type: 'string', pii: true },
        { name: 'address', type: 'string', pii: true },
        { name: 'lines', type: 'array' },
        { name: 'createdAt', type: 'datetime', readOnly: true },
      ],
      operations: {
        list: {
          method: 'POST',
          path: '/wms',
          bodyEncoding: 'soap',
          responseFormat: 'xml',
          soapOperation: 'ListShipments',
          recordSelector: 'ListShipmentsResponse.shipments.shipment',
          pagination: { style: 'page_number', pageParam: 'page', sizeParam: 'pageSize', firstPage: 1 },
          pageSize: 100,
        },
        create: { method: 'POST', path: '/wms', bodyEncoding: 'soap', responseFormat: 'xml', soapOperation: 'CreateShipment', recordSelector: 'CreateShipmentResponse.shipment' },
      },
    },
  ],
};
