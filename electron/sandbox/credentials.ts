import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Sandbox credentials: fresh per start unless given, shaped like each real API's (so connectors
 * exercise the same header logic) but marked `sandbox` and never shaped like live keys (no sk_live_).
 */
export interface SandboxCredentials {
  crm: { accessToken: string };
  billing: { secretKey: string };
  shop: { accessToken: string; webhookSecret: string; standardWebhookSecret: string; shopDomain: string };
  wms: { username: string; password: string };
  /** Xero: an OAuth access token and the one organisation (tenant) it is connected to. */
  accounting: { accessToken: string; tenantId: string; tenantName: string };
}

export type CredentialOverrides = { [K in keyof SandboxCredentials]?: Partial<SandboxCredentials[K]> };

export function makeCredentials(given: CredentialOverrides = {}): SandboxCredentials {
  const creds: SandboxCredentials = {
    crm: { accessToken: `pat-sandbox-${randomUUID()}`, ...given.crm },
    billing: { secretKey: `sk_test_sandbox_${randomBytes(12).toString('hex')}`, ...given.billing },
    shop: {
      accessToken: `shpat_sandbox_${randomBytes(16).toString('hex')}`,
      webhookSecret: `shopify-sandbox-${randomBytes(16).toString('hex')}`,
      standardWebhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
      shopDomain: 'patchbay-sandbox.myshopify.com',
      ...given.shop,
    },
    wms: { username: 'patchbay-wms', password: `wms-sandbox-${randomBytes(8).toString('hex')}`, ...given.wms },
    accounting: {
      accessToken: `xero-sandbox-${randomBytes(16).toString('hex')}`,
      tenantId: randomUUID(),
      tenantName: 'Patchbay Sandbox Ltd',
      ...given.accounting,
    },
  };
  if (creds.billing.secretKey.startsWith('sk_live_') || creds.billing.secretKey.startsWith('rk_live_'))
    throw new Error('Sandbox billing key must not look like a live Stripe key (sk_live_/rk_live_); use sk_test_….');
  return creds;
}
