import { useState } from 'react';
import type { WorkspaceKind } from '../../../../shared/models/workspace';
import { api, errorMessage, unwrap } from '../../api';

/** "Copy as YAML": the object exactly as `patchbay export` writes it (never a secret value). */
export function CopyYamlButton({ kind, id }: { kind: WorkspaceKind; id: string }) {
  const [note, setNote] = useState<string>();
  const copy = async () => {
    try {
      const { yaml } = await unwrap(api.workspace.objectYaml({ kind, id }));
      await navigator.clipboard.writeText(yaml);
      setNote('Copied');
    } catch (error) {
      setNote(errorMessage(error));
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()} data-testid={`copy-yaml-${kind}`}>
        Copy as YAML
      </button>
      {note ? <span role="status"> {note}</span> : null}
    </>
  );
}
