/**
 * The text of anything a `catch` caught. JavaScript lets code throw any value (a string, a plain
 * object from a worker, undefined), so casting to Error and reading `.message` can print "undefined";
 * this says what was thrown instead.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string')
    return error.message;
  if (error === undefined || error === null) return String(error);
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
