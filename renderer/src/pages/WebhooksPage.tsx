import { useEffect } from 'react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { DeliveryDetail } from '../features/webhooks/DeliveryDetail';
import { EndpointForm } from '../features/webhooks/EndpointForm';
import { EndpointList } from '../features/webhooks/EndpointList';
import { EventFeed } from '../features/webhooks/EventFeed';
import { ListenerPanel } from '../features/webhooks/ListenerPanel';
import { OutboxSection } from '../features/webhooks/OutboxSection';
import { TargetsSection } from '../features/webhooks/TargetsSection';
import { useWebhooksStore, type EndpointDraft } from '../stores/webhooks';

const NEW_ENDPOINT: EndpointDraft = {
  name: '',
  path: '/hooks/',
  scheme: { kind: 'standard' },
  flowId: null,
  catchUpId: null,
};

export function WebhooksPage() {
  const { loaded, endpoints, editing, error, message } = useWebhooksStore();
  const { load, live, edit } = useWebhooksStore.getState();

  useEffect(() => {
    void load();
    return live();
  }, [load, live]);

  const newButton = (
    <button type="button" className="primary" onClick={() => edit(NEW_ENDPOINT)} data-testid="new-endpoint">
      New endpoint
    </button>
  );
  return (
    <>
      <PageHeader
        title="Webhooks"
        subtitle="Events pushed by your tools, verified, stored, mapped and delivered onwards with retries and replay."
        actions={endpoints.length ? newButton : undefined}
      />
      {error ? (
        <p className="error-text" role="alert" data-testid="webhooks-error">
          {error}
        </p>
      ) : null}
      {message ? (
        <p className="muted" role="status" data-testid="webhooks-message">
          {message}
        </p>
      ) : null}
      <ListenerPanel />
      {editing ? <EndpointForm key={editing.id ?? 'new'} draft={editing} /> : null}
      {loaded && endpoints.length === 0 && !editing ? (
        <EmptyState title="No webhook endpoints yet" testId="webhooks-empty" action={newButton}>
          An endpoint receives events pushed by a tool (for example a new shop order), checks their signature and runs a
          mapping on each, delivering the result with retries and replay.
        </EmptyState>
      ) : null}
      {endpoints.length ? <EndpointList /> : null}
      <TargetsSection />
      <OutboxSection />
      <DeliveryDetail />
      <EventFeed />
    </>
  );
}
