import { useEffect, useState } from 'react';
import { useWebhooksStore, type ListenerStatus } from '../../stores/webhooks';

function CopyBaseUrl(props: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() =>
        void navigator.clipboard
          ?.writeText(props.url)
          .then(() => (setCopied(true), setTimeout(() => setCopied(false), 1500)))
      }
      aria-label="Copy the listener address"
      data-testid="listener-copy"
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** A start that failed: say why, and let the user choose (the port is never changed behind their back). */
function ListenerProblemNote(props: { problem: NonNullable<ListenerStatus['problem']> }) {
  const { listenerAction } = useWebhooksStore.getState();
  return (
    <div className="webhooks-warning" role="alert" data-testid="listener-problem">
      <p>{props.problem.message}</p>
      <div className="sync-actions">
        <button type="button" onClick={() => void listenerAction('start')} data-testid="listener-retry">
          Try port {props.problem.port} again
        </button>
        {props.problem.code === 'port_in_use' ? (
          <button type="button" onClick={() => void listenerAction('start', { port: 0 })} data-testid="listener-pick">
            Use a free port instead
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** The local listener: where it listens, start/stop, its port and the LAN opt-in (with why it matters). */
export function ListenerPanel() {
  const listener = useWebhooksStore((s) => s.listener);
  const { listenerAction } = useWebhooksStore.getState();
  const [port, setPort] = useState('');
  const [allowLan, setAllowLan] = useState(false);
  useEffect(() => {
    if (listener) {
      setPort(String(listener.configuredPort));
      setAllowLan(listener.allowLan);
    }
  }, [listener]);
  if (!listener) return null;
  const portNumber = Number(port);
  const portValid = Number.isInteger(portNumber) && portNumber >= 0 && portNumber <= 65535;
  const changed = listener.configuredPort !== portNumber || listener.allowLan !== allowLan;
  return (
    <section className="card webhooks-listener" aria-labelledby="listener-title" data-testid="webhooks-listener">
      <div className="webhooks-section-header">
        <h2 id="listener-title">Listener</h2>
        <span className={`badge ${listener.running ? 'ok' : 'warn'}`} data-testid="listener-status">
          {listener.running ? 'Listening' : 'Stopped'}
        </span>
      </div>
      <p className="muted">
        {listener.running ? (
          <>
            Receiving on <code data-testid="listener-url">{listener.url}</code> <CopyBaseUrl url={listener.url!} />. The
            port is kept across restarts, so the URLs you paste into senders keep working.
          </>
        ) : (
          'Webhooks sent now are not received; senders retry, and “Catch up” fetches what was missed.'
        )}
      </p>
      {listener.problem ? <ListenerProblemNote problem={listener.problem} /> : null}
      <div className="webhooks-listener-form">
        <label>
          Port
          <input
            type="number"
            min={0}
            max={65535}
            value={port}
            onChange={(e) => setPort(e.target.value)}
            aria-invalid={!portValid}
            data-testid="listener-port"
          />
        </label>
        <label className="webhooks-check">
          <input
            type="checkbox"
            checked={allowLan}
            onChange={(e) => setAllowLan(e.target.checked)}
            data-testid="listener-lan"
          />
          Accept webhooks from other machines on my network
        </label>
        {allowLan ? (
          <p className="webhooks-warning" role="note" data-testid="listener-lan-warning">
            Anyone on your network can then reach this port. Requests still need a valid signature, but only turn this
            on for a trusted network or a tunnel you control.
          </p>
        ) : null}
        {listener.lanUrls.length ? <p className="muted">Reachable at {listener.lanUrls.join(', ')}</p> : null}
        <div className="sync-actions">
          {listener.running ? (
            <button type="button" onClick={() => void listenerAction('stop')} data-testid="listener-stop">
              Stop
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={() => void listenerAction('start', changed && portValid ? { port: portNumber, allowLan } : {})}
              data-testid="listener-start"
            >
              Start
            </button>
          )}
          <button
            type="button"
            disabled={!changed || !portValid}
            onClick={() => void listenerAction(listener.running ? 'restart' : 'status', { port: portNumber, allowLan })}
            data-testid="listener-apply"
          >
            {listener.running ? 'Apply and restart' : 'Save'}
          </button>
        </div>
      </div>
    </section>
  );
}
