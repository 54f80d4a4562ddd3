// The sandbox serves the warehouse's published WSDL: the very document the catalog imports.
export { OPERATIONS, WMS_NS, wsdl, type Operation } from '../../core/connectors/catalog/wms-wsdl';
