import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { VersionSummary } from '../../stores/mappings';
import { formatTime } from './format';

/** Where each version was saved: history says whether a change came from the app, the CLI or files. */
const ORIGIN_WORDS = { app: 'app', cli: 'command line', file: 'workspace files' } as const;

/** Saved versions, newest first; revert saves the chosen one again as the newest (after a confirmation). */
export function VersionHistory(props: {
  versions: VersionSummary[];
  current?: number;
  dirty: boolean;
  onRevert: (version: number) => void;
  onClose: () => void;
}) {
  const [confirm, setConfirm] = useState<number>();
  return (
    <section
      className="card versions"
      aria-labelledby="versions-title"
      data-testid="version-history"
      onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
    >
      <div className="preview-head">
        <h3 id="versions-title">Version history</h3>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Saved</th>
            <th scope="col">From</th>
            <th scope="col">Rules</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.versions.map((v) => (
            <tr key={v.version} data-testid={`version-${v.version}`}>
              <td>
                v{v.version}
                {v.version === props.current ? ' (current)' : ''}
              </td>
              <td>{formatTime(v.updatedAt)}</td>
              <td>{v.origin ? ORIGIN_WORDS[v.origin] : '—'}</td>
              <td>{v.rules}</td>
              <td>
                {v.version !== props.current ? (
                  <button type="button" onClick={() => setConfirm(v.version)} data-testid="version-revert">
                    Revert to this
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={confirm !== undefined}
        title={`Revert to version ${confirm ?? ''}?`}
        message={`Version ${confirm ?? ''} is saved again as a new version; nothing in the history is deleted.${props.dirty ? ' Your unsaved changes are discarded.' : ''}`}
        confirmLabel="Revert"
        onCancel={() => setConfirm(undefined)}
        onConfirm={() => {
          const v = confirm!;
          setConfirm(undefined);
          props.onRevert(v);
        }}
      />
    </section>
  );
}
