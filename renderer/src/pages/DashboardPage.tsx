import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" />
      <EmptyState title="Nothing to show yet" testId="dashboard-empty">
        Charts of your API calls and datasets appear here once a sync or a dataset has run.
      </EmptyState>
    </>
  );
}
