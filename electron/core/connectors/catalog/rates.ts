import type { ConnectorDefinitionInput } from '../../../../shared/models/connector';

/**
 * Exchange rates (ECB-compatible): the European Central Bank's euro foreign exchange reference rates —
 * https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html
 * XML `gesmes:Envelope > Cube > Cube[time] > Cube[currency, rate]`; one record per (day, currency),
 * the day's `time` carried down into each rate. Rates are decimal strings (EUR base).
 */
const fields = [
  { name: 'time', type: 'date' as const, readOnly: true },
  { name: 'currency', type: 'string' as const, format: 'currency' as const, readOnly: true },
  {
    name: 'rate',
    type: 'number' as const,
    format: 'decimal' as const,
    readOnly: true,
    description: 'Units of currency per 1 EUR',
  },
];
const xmlList = (path: string) => ({
  method: 'GET' as const,
  path,
  responseFormat: 'xml' as const,
  recordSelector: 'Envelope.Cube.Cube.Cube',
  inheritFields: { time: 'time' },
});

export const ratesConnector: ConnectorDefinitionInput = {
  id: 'rates-ecb',
  name: 'Exchange rates (ECB-compatible)',
  description: 'Daily euro reference exchange rates published as XML, following the ECB feed.',
  logo: 'rates',
  docsUrl: 'https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html',
  followsApi: 'ECB euro foreign exchange reference rates (eurofxref XML)',
  baseUrlTemplate: 'https://www.ecb.europa.eu/stats/eurofxref',
  authKinds: ['none'],
  rateLimits: { requestsPerSecond: 2, burst: 2, maxConcurrency: 1 },
  testCall: { resource: 'daily', operation: 'list' },
  resources: [
    {
      name: 'daily',
      label: 'Latest rates',
      primaryKey: 'currency',
      fields,
      operations: { list: xmlList('/eurofxref-daily.xml') },
    },
    {
      name: 'last_90_days',
      label: 'Rates, last 90 days',
      primaryKey: 'currency',
      cursorField: 'time',
      fields,
      operations: { list: xmlList('/eurofxref-hist-90d.xml') },
    },
    // The whole series since 1999: datasets need it to convert older orders at their own day's rate.
    {
      name: 'history',
      label: 'Rates, full history',
      primaryKey: 'currency',
      cursorField: 'time',
      fields,
      operations: { list: xmlList('/eurofxref-hist.xml') },
    },
  ],
};
