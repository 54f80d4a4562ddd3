import { z } from 'zod';
import { ConnectorDefinition, ConnectorSummary } from '../models/connector';
import { OpenApiImportInput, OpenApiInspection, OpenApiSource } from '../models/openapi-import';
import { WsdlImportInput, WsdlInspectInput, WsdlInspection } from '../models/wsdl-import';
import { channel } from './define';

export const connectorsChannels = {
  'connectors:list': channel(
    z.object({ query: z.string().max(200).optional() }).strict(),
    z.array(ConnectorSummary),
    'The connector catalog, optionally filtered by a search text.',
  ),
  'connectors:get': channel(
    z.object({ id: z.string().min(1) }).strict(),
    ConnectorDefinition,
    'One connector definition with its resources and field schemas.',
  ),
  'connectors:inspectOpenApi': channel(
    z.object({ source: OpenApiSource }).strict(),
    OpenApiInspection,
    'Read an OpenAPI 3 document (URL or file) and list its operations.',
  ),
  'connectors:importOpenApi': channel(
    OpenApiImportInput,
    ConnectorDefinition,
    'Turn chosen OpenAPI operations into a Generic REST connector in the catalog.',
  ),
  'connectors:inspectWsdl': channel(
    WsdlInspectInput,
    WsdlInspection,
    'Read a WSDL 1.1 (URL or file, with its imported schemas) and list its operations with typed fields.',
  ),
  'connectors:importWsdl': channel(
    WsdlImportInput,
    ConnectorDefinition,
    'Turn chosen WSDL operations (reads and writes per resource) into a SOAP connector in the catalog.',
  ),
  'connectors:remove': channel(
    z.object({ id: z.string().min(1) }).strict(),
    z.object({ removed: z.literal(true) }),
    'Remove an imported connector.',
  ),
};
