import type { ConnectionView, TestResult } from '../../../../shared/models/connection';
import { CopyYamlButton } from '../workspace/CopyYamlButton';
import type { ConnectorSummary } from '../../../../shared/models/connector';
import { useState } from 'react';
import { ConnectorLogo } from '../../components/ConnectorLogo';
import { ConnectionMonitorPanel } from '../monitoring/ConnectionMonitorPanel';
import { AUTH_KIND_LABELS } from './auth-fields';
import { rateText } from '../../../../shared/rate-text';

function statusOf(c: ConnectionView): { label: string; tone: 'ok' | 'fail' | 'warn' | '' } {
  if (c.needsReauthorization) return { label: 'Needs sign-in', tone: 'warn' };
  if (!c.lastTest) return { label: 'Not tested', tone: '' };
  return c.lastTest.ok ? { label: 'Working', tone: 'ok' } : { label: 'Failing', tone: 'fail' };
}

export function ConnectionCard(props: {
  connection: ConnectionView;
  connector?: ConnectorSummary;
  testing: boolean;
  lastResult?: TestResult;
  onTest: () => void;
  onEdit: () => void;
  onBrowse: () => void;
  onDuplicate: () => void;
  onRemove: () => void;
  onAuthorize: () => void;
}) {
  const c = props.connection;
  const status = statusOf(c);
  const [showCalls, setShowCalls] = useState(false);
  const test = props.lastResult ?? c.lastTest;
  return (
    <article className="card connection-card" data-testid={`connection-${c.name}`} aria-label={c.name}>
      <header className="connection-head">
        <ConnectorLogo logo={props.connector?.logo ?? 'generic'} />
        <div>
          <h2>{c.name}</h2>
          <p className="muted">
            {props.connector?.name ?? c.connectorId} · {AUTH_KIND_LABELS[c.authKind]} · {new URL(c.baseUrl).host}
          </p>
        </div>
        <span className={`badge ${status.tone}`} data-testid="connection-status">
          {props.testing ? 'Testing…' : status.label}
        </span>
      </header>
      {test ? (
        <p className={test.ok ? 'muted' : 'error-text'} data-testid="connection-test-result">
          {test.message}
          {!test.ok ? (
            <>
              {' '}
              — <em>{test.nextStep}</em>
            </>
          ) : null}
          <small className="muted"> (tested {new Date(test.at).toLocaleString()})</small>
        </p>
      ) : null}
      {rateText(c) ? (
        <p className="muted" data-testid="connection-rate">
          {rateText(c)}
        </p>
      ) : null}
      {c.warnings.map((w) => (
        <p key={`${w.kind}-${w.seenAt}`} className="warning-text" data-testid="connection-warning">
          ⚠ {w.message}
          {w.date
            ? ` (${w.kind === 'sunset' ? 'switch-off' : 'deprecated'} on ${new Date(w.date).toLocaleDateString()})`
            : ''}
        </p>
      ))}
      <div className="card-actions">
        <button type="button" onClick={props.onTest} disabled={props.testing} data-testid="connection-test">
          Test connection
        </button>
        {c.authKind === 'oauth2_authorization_code' ? (
          <button type="button" onClick={props.onAuthorize} data-testid="connection-authorize">
            {c.needsReauthorization || !c.secrets.refreshToken ? 'Sign in' : 'Sign in again'}
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => setShowCalls(!showCalls)}
          aria-expanded={showCalls}
          data-testid="connection-calls"
        >
          {showCalls ? 'Hide calls' : 'Calls'}
        </button>
        <button type="button" onClick={props.onBrowse} data-testid="connection-browse">
          Browse data
        </button>
        <button type="button" onClick={props.onEdit} data-testid="connection-edit">
          Edit
        </button>
        <button type="button" onClick={props.onDuplicate} data-testid="connection-duplicate">
          Duplicate
        </button>
        <CopyYamlButton kind="connection" id={c.id} />
        <button type="button" className="danger-outline" onClick={props.onRemove} data-testid="connection-remove">
          Remove
        </button>
      </div>
      {showCalls ? <ConnectionMonitorPanel connectionId={c.id} /> : null}
    </article>
  );
}
