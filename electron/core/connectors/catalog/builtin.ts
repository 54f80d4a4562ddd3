import { parseConnectorDefinition, type ConnectorDefinition } from '../../../../shared/models/connector';
import { billingConnector } from './billing';
import { crmConnector } from './crm';
import { genericRestConnector } from './generic-rest';
import { ratesConnector } from './rates';
import { shopConnector } from './shop';
import { wmsConnector } from './wms';
import { xeroConnector } from './xero';

/** Built-in definitions, validated at load: a typo in one fails loudly with its zod paths. */
export function builtinConnectors(): ConnectorDefinition[] {
  return [
    crmConnector,
    billingConnector,
    xeroConnector,
    shopConnector,
    wmsConnector,
    ratesConnector,
    genericRestConnector,
  ].map((d) => parseConnectorDefinition(d, 'built-in connector'));
}
