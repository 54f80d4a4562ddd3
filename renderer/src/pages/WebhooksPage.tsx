import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function WebhooksPage() {
  return (
    <>
      <PageHeader title="Webhooks" />
      <EmptyState title="No webhook endpoints yet" testId="webhooks-empty">
        Webhook endpoints receive events pushed by your tools (for example a new shop order) and deliver them onwards, with retries and replay.
      </EmptyState>
    </>
  );
}
