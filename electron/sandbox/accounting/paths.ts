/** `Contact.ContactID` in a record. */
export function getPathValue(r: Record<string, unknown>, path: string): unknown {
  let cur: unknown = r;
  for (const k of path.split('.'))
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}
