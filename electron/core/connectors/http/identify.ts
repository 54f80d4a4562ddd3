import { APP_VERSION } from '../../version';

/** Integrator identification (APIs ask for a contactable User-Agent: Stripe, Shopify, Nominatim…). */
export function userAgent(version = APP_VERSION, contact = 'https://github.com/patchbay/patchbay'): string {
  return `Patchbay/${version} (+${contact})`;
}
