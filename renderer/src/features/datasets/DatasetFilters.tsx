import type { DatasetSummary, Granularity } from '../../../../shared/models/datasets';
import { useDatasetsStore } from '../../stores/datasets';

/** Date range (inclusive, in the dataset's time zone), sources and granularity; every figure below follows them. */
export function DatasetFilters({ summary }: { summary: DatasetSummary }) {
  const filters = useDatasetsStore((s) => s.filters);
  const setFilters = useDatasetsStore((s) => s.setFilters);
  const toggle = (id: string) => {
    const on = filters.sources.includes(id);
    setFilters({ sources: on ? filters.sources.filter((s) => s !== id) : [...filters.sources, id] });
  };
  const badRange = filters.from && filters.to && filters.from > filters.to;
  return (
    <div className="dataset-filters" role="group" aria-label="Dataset filters">
      <label>
        <span>From</span>
        <input
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => setFilters({ from: e.target.value })}
          data-testid="dataset-from"
        />
      </label>
      <label>
        <span>To</span>
        <input
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => setFilters({ to: e.target.value })}
          data-testid="dataset-to"
        />
      </label>
      <label>
        <span>Per</span>
        <select
          value={filters.granularity}
          onChange={(e) => setFilters({ granularity: e.target.value as Granularity })}
          data-testid="dataset-granularity"
        >
          <option value="day">Day</option>
          <option value="week">ISO week</option>
          <option value="month">Month</option>
        </select>
      </label>
      <div className="dataset-source-chips" role="group" aria-label="Sources (none selected = all)">
        <span className="dataset-filter-label">Sources</span>
        <div className="chips">
          {summary.sources.map((s) => (
            <button
              key={s.id}
              type="button"
              className="chip"
              aria-pressed={filters.sources.includes(s.id)}
              onClick={() => toggle(s.id)}
              data-testid={`dataset-source-${s.id}`}
            >
              {s.label}
            </button>
          ))}
        </div>
      </div>
      {filters.from || filters.to || filters.sources.length ? (
        <button
          type="button"
          className="link"
          onClick={() => setFilters({ from: '', to: '', sources: [] })}
          data-testid="dataset-clear-filters"
        >
          Clear filters
        </button>
      ) : null}
      {badRange ? (
        <p className="error-text" role="alert">
          “From” is after “To”: no row can match.
        </p>
      ) : null}
    </div>
  );
}
