/** RFC 8288 `Link` header → `{ next: url, previous: url, … }` (first URL per relation). */
export function parseLinkHeader(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value) return out;
  // Split on commas that start a new `<…>` link; URLs may themselves contain commas.
  for (const part of value.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!m) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2]);
    if (!rel) continue;
    for (const r of rel[1].trim().split(/\s+/)) if (!(r.toLowerCase() in out)) out[r.toLowerCase()] = m[1];
  }
  return out;
}
