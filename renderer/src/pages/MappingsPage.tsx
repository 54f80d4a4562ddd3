import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function MappingsPage() {
  return (
    <>
      <PageHeader title="Mappings" />
      <EmptyState title="No mappings yet" testId="mappings-empty">
        A mapping says how fields of one tool become fields of another, with a live preview on real records before anything is written.
      </EmptyState>
    </>
  );
}
