import type { VerificationScheme } from '../../../../shared/models/webhooks';
import { hmacScheme } from './hmac';
import { shopifyScheme } from './shopify';
import { standardScheme } from './standard';
import { stripeScheme } from './stripe';
import type { Scheme } from './types';

export type { Scheme, SignInput, VerifyInput, VerifyResult, Headers } from './types';
export { safeEqual, hmacSha256 } from './safe-equal';

export function schemeFor(config: VerificationScheme): Scheme {
  switch (config.kind) {
    case 'standard':
      return standardScheme;
    case 'shopify':
      return shopifyScheme;
    case 'stripe':
      return stripeScheme;
    case 'hmac':
      return hmacScheme(config);
  }
}
