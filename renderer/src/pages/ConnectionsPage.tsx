import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function ConnectionsPage() {
  return (
    <>
      <PageHeader title="Connections" />
      <EmptyState title="No connections yet" testId="connections-empty">
        A connection is one account of one tool, such as your CRM or your billing system. Its credentials are kept in your operating system's keychain, never in a file.
      </EmptyState>
    </>
  );
}
