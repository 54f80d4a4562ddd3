import { PageHeader } from '../components/PageHeader';
import { DatasetsSection } from '../features/datasets/DatasetsSection';
import { MonitoringSection } from '../features/monitoring/MonitoringSection';

/** Sections stack top to bottom; a Datasets section goes below the API monitoring. */
export function DashboardPage() {
  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle="How your integrations are doing: API calls, failures and their error codes."
      />
      <MonitoringSection />
      <DatasetsSection />
    </>
  );
}
