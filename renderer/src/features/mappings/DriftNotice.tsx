import { useEffect, useState } from 'react';
import type { RuleIssue } from '../../../../shared/mapping/types';
import type { DriftReport } from '../../../../shared/models/drift';
import { api, errorMessage, unwrap } from '../../api';

/** The live fields of a saved mapping's ends against the ones it was built on (once per opened version). */
export function useDrift(mappingId: string | undefined, version: number): DriftReport | null {
  const [report, setReport] = useState<DriftReport | null>(null);
  useEffect(() => {
    if (!mappingId) return;
    let live = true;
    unwrap(api.drift.check({ mappingId }))
      .then((r) => live && setReport(r))
      .catch(() => live && setReport(null));
    return () => {
      live = false;
    };
  }, [mappingId, version]);
  return report;
}

/** Broken rules as rule issues, so the rule list marks them the way it marks any rule that cannot run. */
export function driftIssues(report: DriftReport | null): RuleIssue[] {
  return (report?.brokenRules ?? []).map((b) => ({
    ruleId: b.ruleId,
    target: b.target,
    code: 'mapping_error',
    message:
      b.side === 'source'
        ? `The source no longer has the field "${b.field}" (renamed or removed): pick its new name.`
        : `The target no longer has the field "${b.field}": map another field or remove the rule.`,
  }));
}

/** What changed in the fields, and new target fields offered as rules. */
export function DriftNotice(props: { report: DriftReport | null; onAddRule: (target: string) => void }) {
  const [error, setError] = useState<string>();
  const r = props.report;
  if (!r) return null;
  const gone = r.changes.filter((c) => c.change !== 'added');
  const newTargets = r.newFields.filter((f) => f.side === 'target');
  const newSources = r.newFields.filter((f) => f.side === 'source');
  if (gone.length === 0 && r.brokenRules.length === 0 && newTargets.length === 0) return null;
  return (
    <div className={`notice ${r.breaking ? 'notice-error' : 'notice-warning'}`} data-testid="mapping-drift">
      {gone.length ? (
        <p>
          The fields changed since this mapping was built:{' '}
          {gone
            .map((c) =>
              c.change === 'removed'
                ? `${c.side} ${c.field} removed`
                : `${c.side} ${c.field} is now ${c.after ?? '?'} (was ${c.before ?? '?'})`,
            )
            .join('; ')}
          .{newSources.length ? ` New source fields: ${newSources.map((f) => f.name).join(', ')}.` : ''}
        </p>
      ) : null}
      {newTargets.length ? (
        <p>
          New target fields:{' '}
          {newTargets.map((f) => (
            <button
              key={f.name}
              type="button"
              className="link"
              onClick={() => {
                try {
                  props.onAddRule(f.name);
                } catch (e) {
                  setError(errorMessage(e));
                }
              }}
              data-testid="drift-add-rule"
            >
              + rule for {f.name}
            </button>
          ))}
        </p>
      ) : null}
      {error ? <p className="error-text">{error}</p> : null}
    </div>
  );
}
