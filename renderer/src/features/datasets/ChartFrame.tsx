import { useRef, useState, type ReactNode } from 'react';
import type { SeriesName } from '../../../../shared/models/datasets';
import { errorMessage } from '../../api';
import { useDatasetsStore } from '../../stores/datasets';
import { chartToPng, type LegendItem } from './chart-png';

/** A dashboard chart with its two exports: the picture (PNG, drawn here) and its data (CSV, written by core). */
export function ChartFrame(props: {
  title: string;
  series: SeriesName;
  testId: string;
  legend?: LegendItem[];
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const [pngError, setPngError] = useState<string>();
  const exportSeries = useDatasetsStore((s) => s.exportSeries);
  const datasetId = useDatasetsStore((s) => s.selectedId);
  const savePng = async () => {
    setPngError(undefined);
    try {
      if (ref.current)
        await chartToPng(ref.current, {
          title: props.title,
          legend: props.legend,
          fileName: `${datasetId ?? 'dataset'}-${props.series.replace('_', '-')}.png`,
        });
    } catch (error) {
      setPngError(`PNG not saved: ${errorMessage(error)}`);
    }
  };
  return (
    <figure ref={ref} className={`chart dataset-chart ${props.className ?? ''}`} data-testid={props.testId}>
      <div className="dataset-chart-head">
        <figcaption>{props.title}</figcaption>
        <div className="dataset-chart-actions">
          <button
            type="button"
            onClick={() => void savePng()}
            aria-label={`Save ${props.title} as PNG`}
            data-testid={`${props.testId}-png`}
          >
            PNG
          </button>
          <button
            type="button"
            onClick={() => void exportSeries(props.series, props.title)}
            aria-label={`Export the data of ${props.title} as CSV`}
            data-testid={`${props.testId}-csv`}
          >
            CSV
          </button>
        </div>
      </div>
      {pngError ? (
        <p className="error-text" role="alert">
          {pngError}
        </p>
      ) : null}
      {props.children}
    </figure>
  );
}
