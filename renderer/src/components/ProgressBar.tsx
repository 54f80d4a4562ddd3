/** Accessible progress bar; indeterminate when the total is unknown. */
export function ProgressBar(props: { value: number; max?: number; label: string; testId?: string }) {
  const known = props.max !== undefined && props.max > 0;
  const percent = known ? Math.min(100, Math.round((props.value / props.max!) * 100)) : undefined;
  return (
    <div
      className={`progress${known ? '' : ' indeterminate'}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={known ? props.max : undefined}
      aria-valuenow={known ? props.value : undefined}
      data-testid={props.testId}
    >
      <div className="progress-fill" style={{ width: known ? `${percent}%` : undefined }} />
    </div>
  );
}
