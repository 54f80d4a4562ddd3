/** Cheap looks at a response body before it is parsed (is it a fault, and which code?). */
export function looksLikeFault(body: Buffer): boolean {
  const head = body.toString('utf8', 0, Math.min(body.length, 4096));
  return /<([\w-]+:)?Fault[\s>]/.test(head);
}

/** The fault code without parsing the whole document (SOAP 1.1 faultcode, 1.2 Code/Value). */
export function faultCodeOf(body: Buffer): string {
  const head = body.toString('utf8', 0, Math.min(body.length, 8192));
  const m =
    /<(?:[\w-]+:)?faultcode[^>]*>\s*([^<\s]+)/.exec(head) ??
    /<(?:[\w-]+:)?Code[^>]*>\s*<(?:[\w-]+:)?Value[^>]*>\s*([^<\s]+)/.exec(head);
  return m?.[1] ?? '';
}
