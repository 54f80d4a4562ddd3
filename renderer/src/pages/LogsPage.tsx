import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function LogsPage() {
  return (
    <>
      <PageHeader title="Logs" />
      <EmptyState title="No calls logged yet" testId="logs-empty">
        Every API call Patchbay makes is logged here, with secrets and personal data masked, ready to export for support.
      </EmptyState>
    </>
  );
}
