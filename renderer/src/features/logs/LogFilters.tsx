import { useEffect, useState, type RefObject } from 'react';
import type { StatusClass } from '../../../../shared/models/call-event';
import { useLogsStore } from '../../stores/logs';
import { isFiltered, METHODS, STATUS_CLASSES, EMPTY_FILTER } from './filters';
import { TimeRangeSelect } from './TimeRangeSelect';
import { useConnectionNames } from './connection-names';

/** A text filter that applies after a short pause in typing (and at once on Enter). */
function DebouncedInput(props: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
  testId: string;
  list?: string;
}) {
  const [draft, setDraft] = useState(props.value);
  const { value, onChange } = props;
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const t = setTimeout(() => onChange(draft), 350);
    return () => clearTimeout(t);
  }, [draft, value, onChange]);
  return (
    <label className="logs-filter-field">
      <span>{props.label}</span>
      <input
        value={draft}
        placeholder={props.placeholder}
        list={props.list}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && props.onChange(draft)}
        data-testid={props.testId}
      />
    </label>
  );
}

export function LogFilters(props: { searchRef: RefObject<HTMLInputElement | null> }) {
  const filter = useLogsStore((s) => s.filter);
  const setFilter = useLogsStore((s) => s.setFilter);
  const replaceFilter = useLogsStore((s) => s.replaceFilter);
  const searchError = useLogsStore((s) => s.searchError);
  const names = useConnectionNames();
  const [search, setSearch] = useState(filter.search);
  useEffect(() => setSearch(filter.search), [filter.search]);

  const toggleStatus = (c: StatusClass) =>
    setFilter({
      statusClasses: filter.statusClasses.includes(c)
        ? filter.statusClasses.filter((x) => x !== c)
        : [...filter.statusClasses, c],
    });

  return (
    <section className="logs-filters card" aria-label="Filters">
      <div className="logs-search">
        <label htmlFor="logs-search-input" className="visually-hidden">
          Search calls
        </label>
        <input
          id="logs-search-input"
          ref={props.searchRef}
          type="search"
          value={search}
          placeholder='Search URLs, errors and bodies (press /) — e.g. "api.example.com" or timeout NOT 404'
          aria-invalid={searchError ? true : undefined}
          aria-describedby={searchError ? 'logs-search-error' : undefined}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setFilter({ search });
          }}
          onBlur={() => search !== filter.search && setFilter({ search })}
          data-testid="logs-search"
        />
        <button type="button" onClick={() => setFilter({ search })} data-testid="logs-search-submit">
          Search
        </button>
      </div>
      {searchError ? (
        <p id="logs-search-error" className="error-text logs-search-error" role="alert" data-testid="logs-search-error">
          {searchError}
        </p>
      ) : null}
      <div className="logs-filter-row">
        <label className="logs-filter-field">
          <span>Time</span>
          <TimeRangeSelect value={filter.range} onChange={(range) => setFilter({ range })} testId="logs-range" />
        </label>
        <div className="logs-filter-field" role="group" aria-label="Status class">
          <span>Status</span>
          <div className="chips">
            {STATUS_CLASSES.map((c) => (
              <button
                key={c}
                type="button"
                className={`chip chip-${c}`}
                aria-pressed={filter.statusClasses.includes(c)}
                onClick={() => toggleStatus(c)}
                data-testid={`logs-status-${c}`}
              >
                {c}
              </button>
            ))}
          </div>
        </div>
        <label className="logs-filter-field">
          <span>Method</span>
          <select
            value={filter.method}
            onChange={(e) => setFilter({ method: e.target.value })}
            data-testid="logs-method"
          >
            <option value="">Any</option>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <DebouncedInput
          label="Connection"
          value={filter.connectionId}
          onChange={(connectionId) => setFilter({ connectionId })}
          list="logs-connections"
          testId="logs-connection"
        />
        <datalist id="logs-connections">
          {Object.entries(names).map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </datalist>
        <DebouncedInput
          label="Sync"
          value={filter.syncId}
          onChange={(syncId) => setFilter({ syncId })}
          testId="logs-sync"
        />
        <DebouncedInput label="Run" value={filter.runId} onChange={(runId) => setFilter({ runId })} testId="logs-run" />
        <DebouncedInput
          label="Error code"
          value={filter.errorCode}
          onChange={(errorCode) => setFilter({ errorCode })}
          placeholder="e.g. rate_limited"
          testId="logs-error-code"
        />
        {isFiltered(filter) ? (
          <button
            type="button"
            className="logs-clear"
            onClick={() => replaceFilter(EMPTY_FILTER)}
            data-testid="logs-clear-filters"
          >
            Clear filters
          </button>
        ) : null}
      </div>
    </section>
  );
}
