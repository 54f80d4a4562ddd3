import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function SyncsPage() {
  return (
    <>
      <PageHeader title="Syncs" />
      <EmptyState title="No syncs yet" testId="syncs-empty">
        A sync runs a mapping: once, on a schedule, or as a dry run that writes nothing.
      </EmptyState>
    </>
  );
}
