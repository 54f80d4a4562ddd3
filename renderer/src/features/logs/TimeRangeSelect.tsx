import { TIME_RANGES, type TimeRange } from './filters';

/** The "last 15 minutes … last 30 days" picker shared by the Logs filters and the monitoring charts. */
export function TimeRangeSelect(props: { value: TimeRange; onChange: (range: TimeRange) => void; testId: string }) {
  return (
    <select
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as TimeRange)}
      data-testid={props.testId}
    >
      {TIME_RANGES.map((r) => (
        <option key={r.id} value={r.id}>
          {r.label}
        </option>
      ))}
    </select>
  );
}
