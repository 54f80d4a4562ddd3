/** Cheap looks at a response body before it is parsed (is it a fault?). */
export function looksLikeFault(body: Buffer): boolean {
  const head = body.toString('utf8', 0, Math.min(body.length, 4096));
  return /<([\w-]+:)?Fault[\s>]/.test(head);
}
