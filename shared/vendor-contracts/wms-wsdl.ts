/**
 * The warehouse's WSDL (a vendor contract, so in shared/: the sandbox and the catalog stand apart): SOAP 1.1,
 * document/literal wrapped, one port. The catalog imports it like any WSDL (catalog/wms.ts); the sandbox serves it.
 */
export const WMS_NS = 'urn:patchbay:sandbox:wms:v1';
export const OPERATIONS = ['CreateShipment', 'UpdateShipment', 'GetShipment', 'ListShipments'] as const;
export type Operation = (typeof OPERATIONS)[number];

const types = `
    <xs:schema targetNamespace="${WMS_NS}" xmlns:tns="${WMS_NS}" elementFormDefault="qualified">
      <xs:complexType name="Address">
        <xs:sequence>
          <xs:element name="name" type="xs:string"/>
          <xs:element name="line1" type="xs:string"/>
          <xs:element name="line2" type="xs:string" minOccurs="0"/>
          <xs:element name="postalCode" type="xs:string" minOccurs="0"/>
          <xs:element name="city" type="xs:string"/>
          <xs:element name="country" type="xs:string"/>
          <xs:element name="phone" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Line">
        <xs:sequence>
          <xs:element name="sku" type="xs:string"/>
          <xs:element name="quantity" type="xs:int"/>
          <xs:element name="description" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Lines">
        <xs:sequence>
          <xs:element name="line" type="tns:Line" maxOccurs="unbounded"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Shipment">
        <xs:sequence>
          <xs:element name="shipmentId" type="xs:string"/>
          <xs:element name="orderReference" type="xs:string"/>
          <xs:element name="status" type="xs:string"/>
          <xs:element name="carrier" type="xs:string" minOccurs="0"/>
          <xs:element name="createdAt" type="xs:dateTime"/>
          <xs:element name="updatedAt" type="xs:dateTime"/>
          <xs:element name="version" type="xs:int"/>
          <xs:element name="shipTo" type="tns:Address"/>
          <xs:element name="lines" type="tns:Lines"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="CreateShipmentRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="orderReference" type="xs:string"/>
            <xs:element name="messageId" type="xs:string" minOccurs="0"/>
            <xs:element name="sequence" type="xs:int" minOccurs="0"/>
            <xs:element name="shipTo" type="tns:Address"/>
            <xs:element name="lines" type="tns:Lines"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="CreateShipmentResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="shipment" type="tns:Shipment"/>
            <xs:element name="created" type="xs:boolean"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="UpdateShipmentRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="orderReference" type="xs:string"/>
            <xs:element name="messageId" type="xs:string" minOccurs="0"/>
            <xs:element name="sequence" type="xs:int" minOccurs="0"/>
            <xs:element name="status" type="xs:string" minOccurs="0"/>
            <xs:element name="shipTo" type="tns:Address" minOccurs="0"/>
            <xs:element name="lines" type="tns:Lines" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="UpdateShipmentResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="shipment" type="tns:Shipment"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetShipmentRequest">
        <xs:complexType>
          <xs:choice>
            <xs:element name="shipmentId" type="xs:string"/>
            <xs:element name="orderReference" type="xs:string"/>
          </xs:choice>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetShipmentResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="shipment" type="tns:Shipment"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="ListShipmentsRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="pageNumber" type="xs:int" minOccurs="0"/>
            <xs:element name="pageSize" type="xs:int" minOccurs="0"/>
            <xs:element name="updatedSince" type="xs:dateTime" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="ListShipmentsResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="pageNumber" type="xs:int"/>
            <xs:element name="pageSize" type="xs:int"/>
            <xs:element name="totalCount" type="xs:int"/>
            <xs:element name="totalPages" type="xs:int"/>
            <xs:element name="shipments">
              <xs:complexType>
                <xs:sequence>
                  <xs:element name="shipment" type="tns:Shipment" minOccurs="0" maxOccurs="unbounded"/>
                </xs:sequence>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="WmsFault">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="code" type="xs:string"/>
            <xs:element name="field" type="xs:string" minOccurs="0"/>
            <xs:element name="message" type="xs:string"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:schema>`;

export function wsdl(location: string): string {
  const messages = OPERATIONS.map(
    (op) => `
  <wsdl:message name="${op}Input"><wsdl:part name="parameters" element="tns:${op}Request"/></wsdl:message>
  <wsdl:message name="${op}Output"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`,
  ).join('');
  const portOps = OPERATIONS.map(
    (op) => `
    <wsdl:operation name="${op}">
      <wsdl:input message="tns:${op}Input"/>
      <wsdl:output message="tns:${op}Output"/>
      <wsdl:fault name="WmsFault" message="tns:WmsFaultMessage"/>
    </wsdl:operation>`,
  ).join('');
  const bindOps = OPERATIONS.map(
    (op) => `
    <wsdl:operation name="${op}">
      <soap:operation soapAction="${WMS_NS}/${op}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="WmsFault"><soap:fault name="WmsFault" use="literal"/></wsdl:fault>
    </wsdl:operation>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="WarehouseService" targetNamespace="${WMS_NS}"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${WMS_NS}">
  <wsdl:types>${types}
  </wsdl:types>${messages}
  <wsdl:message name="WmsFaultMessage"><wsdl:part name="fault" element="tns:WmsFault"/></wsdl:message>
  <wsdl:portType name="WarehousePortType">${portOps}
  </wsdl:portType>
  <wsdl:binding name="WarehouseBinding" type="tns:WarehousePortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${bindOps}
  </wsdl:binding>
  <wsdl:service name="WarehouseService">
    <wsdl:port name="WarehousePort" binding="tns:WarehouseBinding">
      <soap:address location="${location}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
