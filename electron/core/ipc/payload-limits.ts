import { AppError } from '../../../shared/app-error';

/**
 * How big and how deep an untrusted payload may be before the schema sees it. zod (and anything
 * else recursive) would overflow the stack on a payload nested a few thousand levels deep, and a
 * huge object costs memory and time to validate; both are refused here, walking the payload without
 * recursion, so the check itself cannot overflow. No contract input comes near these limits.
 */
export const PAYLOAD_LIMITS = {
  /** Levels of objects and arrays (the deepest contract input is a mapping rule's condition tree). */
  maxDepth: 64,
  /** Values counted one each, strings by their length: the browser-mode body limit, in the same units. */
  maxSize: 16 * 1024 * 1024,
} as const;

export interface PayloadLimits {
  maxDepth: number;
  maxSize: number;
}

interface Pending {
  value: unknown;
  depth: number;
  key: string;
  parent: Pending | null;
}

/** The dotted path of a value, rebuilt only for the error message (cut so a long one cannot flood it). */
function pathOf(node: Pending): string {
  const keys: string[] = [];
  for (let n: Pending | null = node; n?.parent; n = n.parent) keys.push(n.key);
  const path = keys.reverse().join('.');
  return path ? (path.length > 200 ? `${path.slice(0, 200)}…` : path) : '(root)';
}

/** Throws `invalid_input` naming the limit and where in the payload it was passed. */
export function checkPayloadLimits(channel: string, payload: unknown, limits: PayloadLimits = PAYLOAD_LIMITS): void {
  const tooLarge = () =>
    new AppError(
      'invalid_input',
      `Invalid input for ${channel}: the payload is larger than ${limits.maxSize} units (one per value, strings count their length).`,
      { channel, limit: 'size', max: limits.maxSize },
    );
  const stack: Pending[] = [{ value: payload, depth: 0, key: '', parent: null }];
  let size = 0;
  while (stack.length) {
    const node = stack.pop()!;
    const { value, depth } = node;
    size += typeof value === 'string' ? value.length + 1 : 1;
    if (size > limits.maxSize) throw tooLarge();
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limits.maxDepth)
      throw new AppError(
        'invalid_input',
        `Invalid input for ${channel}: nested deeper than ${limits.maxDepth} levels at ${pathOf(node)}.`,
        { channel, limit: 'depth', max: limits.maxDepth, path: pathOf(node) },
      );
    // Counted before they are queued, so a huge array is refused without walking it.
    const keys = Array.isArray(value) ? null : Object.keys(value);
    const count = keys ? keys.length : (value as unknown[]).length;
    if (size + count > limits.maxSize) throw tooLarge();
    for (let i = 0; i < count; i++) {
      const key = keys ? keys[i]! : String(i);
      const child = keys ? (value as Record<string, unknown>)[key] : (value as unknown[])[i];
      stack.push({ value: child, depth: depth + 1, key, parent: node });
    }
  }
}
