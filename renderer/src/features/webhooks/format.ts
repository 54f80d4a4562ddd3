import type { OutboxState, VerificationScheme } from '../../../../shared/models/webhooks';

export const STATE_LABELS: Record<OutboxState, string> = {
  pending: 'Pending',
  retrying: 'Retrying',
  delivered: 'Delivered',
  needs_attention: 'Needs attention',
};
export const STATE_BADGE: Record<OutboxState, string> = {
  pending: '',
  retrying: 'warn',
  delivered: 'ok',
  needs_attention: 'fail',
};

export const SCHEME_LABELS: Record<VerificationScheme['kind'], string> = {
  standard: 'Standard Webhooks (webhook-signature)',
  shopify: 'Shopify (X-Shopify-Hmac-Sha256)',
  stripe: 'Stripe (Stripe-Signature)',
  hmac: 'HMAC-SHA256 in a header',
};

export function time(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** `create:<connectionId>:<resource>` → "shipments on Sandbox WMS"; webhook targets keep their id. */
export function targetLabel(targetId: string, connectionNames: Map<string, string>): string {
  const m = /^create:(.+):([^:]+)$/.exec(targetId);
  if (!m) return targetId;
  return `${m[2]} on ${connectionNames.get(m[1]!) ?? m[1]}`;
}
