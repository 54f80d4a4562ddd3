import type { MinimizationReport } from '../../../../shared/mapping/minimization';

/** What leaves the source: fields never transmitted, PII that is, and the user's acknowledgement. */
export function MinimizationPanel(props: {
  report: MinimizationReport;
  fieldSelection: boolean;
  acknowledged: string[];
  onAcknowledge: (fields: string[]) => void;
}) {
  const { report } = props;
  // From the draft, not the (debounced) preview, so the checkbox follows the click at once.
  const allAcked =
    report.piiTransmitted.length > 0 && report.piiTransmitted.every((f) => props.acknowledged.includes(f));
  return (
    <section className="card minimization" aria-labelledby="minimization-title" data-testid="minimization">
      <h3 id="minimization-title">Data minimization</h3>
      <p className="muted">
        Only fields a rule reads leave the source
        {props.fieldSelection
          ? ': the API is asked for those fields only.'
          : '; this API cannot select fields, so Patchbay drops the others right after reading.'}
        {report.wholeRecord ? ' An expression reads the whole record, so every field is transmitted.' : ''}
      </p>
      <div className="minimization-grid">
        <div>
          <h4>Not transmitted ({report.notTransmitted.length})</h4>
          <p data-testid="not-transmitted">
            {report.notTransmitted.length ? report.notTransmitted.join(', ') : 'none'}
          </p>
        </div>
        <div>
          <h4>Personal data transmitted ({report.piiTransmitted.length})</h4>
          <p data-testid="pii-transmitted">
            {report.piiTransmitted.length
              ? report.piiTransmitted.map((f) => (
                  <span key={f} className={`badge ${report.unacknowledgedPii.includes(f) ? 'fail' : 'warn'}`}>
                    {f}
                  </span>
                ))
              : 'none'}
          </p>
          {report.piiTransmitted.length ? (
            <label className="inline-check">
              <input
                type="checkbox"
                checked={allAcked}
                onChange={(e) => props.onAcknowledge(e.target.checked ? report.piiTransmitted : [])}
                data-testid="pii-acknowledge"
              />
              I acknowledge that these personal data fields are sent to the target.
            </label>
          ) : null}
          {report.unacknowledgedPii.length && props.acknowledged.length ? (
            <p className="warning-text">
              New PII since the last acknowledgement: {report.unacknowledgedPii.join(', ')}.
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
