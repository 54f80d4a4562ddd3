import { PageHeader } from '../components/PageHeader';
import { DatasetsSection } from '../features/datasets/DatasetsSection';
import { HealthSection } from '../features/health/HealthSection';
import { MonitoringSection } from '../features/monitoring/MonitoringSection';

/** Sections stack top to bottom: health first, the API calls behind it below, then datasets. */
export function DashboardPage() {
  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle="How your integrations are doing: each sync and webhook flow first, then the API calls behind them."
      />
      <HealthSection />
      <MonitoringSection />
      <DatasetsSection />
    </>
  );
}
