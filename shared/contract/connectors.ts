import { z } from 'zod';
import { ConnectorDefinition, ConnectorSummary } from '../models/connector';
import { channel } from './define';

export const connectorsChannels = {
  'connectors:list': channel(z.object({ query: z.string().max(200).optional() }).strict(), z.array(ConnectorSummary), 'The connector catalog, optionally filtered by a search text.'),
  'connectors:get': channel(z.object({ id: z.string().min(1) }).strict(), ConnectorDefinition, 'One connector definition with its resources and field schemas.'),
  'connectors:remove': channel(z.object({ id: z.string().min(1) }).strict(), z.object({ removed: z.literal(true) }), 'Remove an imported connector.'),
};
