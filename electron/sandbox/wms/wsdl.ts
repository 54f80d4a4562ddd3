// The sandbox serves the warehouse's published WSDL (shared with the catalog, which imports it like any WSDL).
export { OPERATIONS, WMS_NS, wsdl, type Operation } from '../../../shared/vendor-contracts/wms-wsdl';
