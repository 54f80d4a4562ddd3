import { useEffect, useState } from 'react';
import { api } from '../../api';

let cache: Promise<Record<string, string>> | undefined;

/** Connection id → name, for labels; loaded once per window (ids stay readable if the call fails). */
export function useConnectionNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    cache ??= api.connections
      .list()
      .then((r) => (r.ok ? Object.fromEntries(r.value.map((c) => [c.id, c.name])) : {}))
      .catch(() => ({}));
    void cache.then((n) => live && setNames(n));
    // Names change rarely; refresh the cache on the next mount after an edit.
    const off = api.on('connections:changed', () => (cache = undefined));
    return () => {
      live = false;
      off();
    };
  }, []);
  return names;
}
