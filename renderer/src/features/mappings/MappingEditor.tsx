import { useMemo, useState } from 'react';
import type { MappingDraftRule } from '../../../../shared/models/mapping';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { useMappings, type Draft } from '../../stores/mappings';
import { SourceFields, TargetFields } from './FieldPanels';
import { FilterEditor } from './FilterEditor';
import { MatchKeyPicker } from './MatchKeyPicker';
import { MinimizationPanel } from './MinimizationPanel';
import { PreviewTable } from './PreviewTable';
import { RuleEditor } from './RuleEditor';
import { DriftNotice, driftIssues, useDrift } from './DriftNotice';
import { VersionHistory } from './VersionHistory';
import { CopyYamlButton } from '../workspace/CopyYamlButton';

function newRuleId(target: string): string {
  return `r_${target}_${Math.random().toString(36).slice(2, 7)}`;
}

/** The editor: source fields | rules | target fields, then match key, data minimization and the live preview. */
export function MappingEditor() {
  const store = useMappings();
  const editor = store.editor!;
  const { draft, samples, preview } = editor;
  const [sampleIndex, setSampleIndex] = useState(0);
  const [showHistory, setShowHistory] = useState(false);
  const edit = (patch: Partial<Draft>) => store.edit((d) => ({ ...d, ...patch }));
  const setRule = (i: number, rule: MappingDraftRule) =>
    store.edit((d) => ({ ...d, rules: d.rules.map((r, j) => (j === i ? rule : r)) }));
  const addRule = (target: string) =>
    store.edit((d) => ({
      ...d,
      rules: [...d.rules, { id: newRuleId(target), target, sources: [], transforms: [], enabled: true }],
    }));

  const sourceSchema = useMemo(() => samples?.sourceSchema ?? [], [samples]);
  const targetSchema = useMemo(() => samples?.targetSchema ?? [], [samples]);
  const sample = samples?.sourceRecords[sampleIndex];
  const drift = useDrift(draft.id, draft.version ?? 0);
  // A rule that cannot run in the preview says why first; a field gone from the live API comes next.
  const issues = new Map([...driftIssues(drift), ...(preview?.issues ?? [])].map((i) => [i.ruleId, i]));
  const mapped = useMemo(() => new Set(draft.rules.filter((r) => r.enabled).map((r) => r.target)), [draft.rules]);
  const read = useMemo(() => {
    // Source fields the rules read (by name, API path, or a path below an object field).
    const paths = preview?.minimization.fields ?? [];
    const all = !!preview?.minimization.wholeRecord;
    return new Set(
      sourceSchema
        .filter(
          (f) =>
            all ||
            paths.some((p) => [f.name, f.path].some((q) => q !== undefined && (p === q || p.startsWith(`${q}.`)))),
        )
        .map((f) => f.name),
    );
  }, [preview, sourceSchema]);
  const unchecked = preview?.rows.some((r) => r.lookup === 'unchecked');

  const openHistory = () => {
    setShowHistory(true);
    void store.loadVersions();
  };

  return (
    <div className="mapping-editor" data-testid="mapping-editor">
      <PageHeader
        title={draft.id ? `Mapping: ${draft.name}` : 'New mapping'}
        subtitle={
          samples
            ? `${samples.source.connectionName} · ${samples.source.resourceLabel} → ${samples.target.connectionName} · ${samples.target.resourceLabel}`
            : undefined
        }
        actions={
          <>
            <button
              type="button"
              className="primary"
              onClick={() => void store.save()}
              disabled={editor.saving}
              data-testid="mapping-save"
            >
              {editor.saving ? 'Saving…' : draft.id ? 'Save new version' : 'Save'}
            </button>
            <button type="button" onClick={openHistory} disabled={!draft.id} data-testid="mapping-history">
              History{draft.version ? ` (v${draft.version})` : ''}
            </button>
            {draft.id ? <CopyYamlButton kind="mapping" id={draft.id} /> : null}
            <button type="button" onClick={() => store.close()} data-testid="mapping-close">
              {editor.dirty ? 'Close without saving' : 'Close'}
            </button>
          </>
        }
      />
      <div className="editor-toolbar">
        <label>
          Name
          <input
            value={draft.name}
            onChange={(e) => edit({ name: e.target.value })}
            data-testid="editor-name"
            maxLength={120}
          />
        </label>
        <label>
          Sample records
          <select
            value={editor.limit}
            onChange={(e) => void store.fetchSamples(Number(e.target.value))}
            data-testid="sample-limit"
          >
            {[20, 50, 100, 200, 500].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => void store.fetchSamples()}
          disabled={editor.fetching}
          data-testid="fetch-samples"
        >
          {editor.fetching ? 'Fetching…' : 'Fetch again'}
        </button>
        {samples ? (
          <span className="muted">
            fetched {new Date(samples.fetchedAt).toLocaleTimeString()}; edits re-run instantly on these records
          </span>
        ) : null}
      </div>
      {editor.status ? (
        <p role="status" className="status-line" data-testid="editor-status">
          {editor.status}
        </p>
      ) : null}
      {editor.fetching && !samples ? <ProgressBar value={0} label="Fetching live sample records…" /> : null}
      {editor.fetchError ? (
        <p className="error-text" role="alert" data-testid="fetch-error">
          {editor.fetchError}
        </p>
      ) : null}
      {samples?.lookupError ? <p className="warning-text">{samples.lookupError.message}</p> : null}
      {preview && preview.missingSampleFields.length ? (
        <p className="warning-text" data-testid="missing-sample-fields">
          Rules now read {preview.missingSampleFields.join(', ')}, which the samples were fetched without.{' '}
          <button type="button" className="small" onClick={() => void store.fetchSamples()}>
            Fetch again
          </button>
        </p>
      ) : null}
      {unchecked ? (
        <p className="warning-text">
          The match key changed since the samples were fetched, so some records were not looked up in the target.{' '}
          <button type="button" className="small" onClick={() => void store.fetchSamples()}>
            Fetch again
          </button>
        </p>
      ) : null}
      {editor.previewError ? (
        <p className="error-text" role="alert">
          {editor.previewError}
        </p>
      ) : null}
      {showHistory && editor.versions ? (
        <VersionHistory
          versions={editor.versions}
          current={draft.version}
          dirty={editor.dirty}
          onRevert={(v) => void store.revert(v)}
          onClose={() => setShowHistory(false)}
        />
      ) : null}
      <DriftNotice report={drift} onAddRule={addRule} />
      {samples ? (
        <>
          <div className="editor-columns">
            <SourceFields schema={sourceSchema} sample={sample} read={read} fetched={samples.fetchedFields} />
            <section className="rules-panel" aria-labelledby="rules-title">
              <div className="preview-head">
                <h3 id="rules-title">Rules ({draft.rules.length})</h3>
                <label>
                  Step outputs on
                  <select
                    value={sampleIndex}
                    onChange={(e) => setSampleIndex(Number(e.target.value))}
                    data-testid="sample-index"
                  >
                    {samples.sourceRecords.map((_, i) => (
                      <option key={i} value={i}>
                        record {i + 1}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {draft.rules.length === 0 ? (
                <p className="muted">No rules yet: use “+ rule” next to a target field.</p>
              ) : null}
              <ul className="rules" data-testid="rules">
                {draft.rules.map((rule, i) => (
                  <RuleEditor
                    key={rule.id}
                    rule={rule}
                    sourceSchema={sourceSchema}
                    targetSchema={targetSchema}
                    takenTargets={mapped}
                    issue={issues.get(rule.id)}
                    sample={sample}
                    onChange={(r) => setRule(i, r)}
                    onRemove={() =>
                      store.edit((d) => ({
                        ...d,
                        rules: d.rules.filter((_, j) => j !== i),
                        matchKey: d.matchKey?.sourceRule === rule.id ? null : d.matchKey,
                      }))
                    }
                  />
                ))}
              </ul>
            </section>
            <TargetFields
              schema={targetSchema}
              mapped={mapped}
              unmappedRequired={preview?.unmappedRequired ?? []}
              onAddRule={addRule}
            />
          </div>
          <FilterEditor draft={draft} sourceSchema={sourceSchema} onChange={edit} />
          <MatchKeyPicker draft={draft} rules={draft.rules} targetSchema={targetSchema} onChange={edit} />
          {preview ? (
            <>
              <MinimizationPanel
                report={preview.minimization}
                fieldSelection={samples.source.fieldSelection}
                acknowledged={draft.piiAcknowledged?.fields ?? []}
                onAcknowledge={(f) => void store.acknowledgePii(f)}
              />
              <PreviewTable preview={preview} sourceSchema={sourceSchema} readFields={read} />
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
