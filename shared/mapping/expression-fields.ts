import { compileJsonata } from '../transforms/expression';

/**
 * Which top-level record fields a JSONata expression reads, from its AST, for data minimization.
 * `all` is set when it cannot be known statically ($ alone, wildcards, $lookup with a computed key…);
 * the caller then keeps the whole record rather than dropping a field the expression needs.
 */
export interface ExpressionFields {
  fields: Set<string>;
  all: boolean;
}

type Node = { type?: string; value?: unknown; steps?: Node[]; [key: string]: unknown };

export function expressionFields(expression: string): ExpressionFields {
  const out: ExpressionFields = { fields: new Set(), all: false };
  let ast: unknown;
  try {
    ast = compileJsonata(expression).ast();
  } catch {
    return out; // a syntax error is reported on the rule; it reads nothing
  }
  if (isNode(ast)) walk(ast, true, out);
  return out;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function walkChildren(node: Node, atRoot: boolean, out: ExpressionFields, skip: ReadonlySet<string> = new Set()): void {
  for (const [key, child] of Object.entries(node)) {
    if (skip.has(key) || key === 'position' || key === 'value' || key === 'type') continue;
    if (Array.isArray(child)) {
      for (const item of child) {
        if (isNode(item)) walk(item, atRoot, out);
        else if (Array.isArray(item)) for (const sub of item) if (isNode(sub)) walk(sub, atRoot, out); // object constructor pairs
      }
    } else if (isNode(child)) walk(child, atRoot, out);
  }
}

/** `atRoot`: names here are relative to the source record (not to a nested step). */
function walk(node: Node, atRoot: boolean, out: ExpressionFields): void {
  switch (node.type) {
    case 'path': {
      const steps = node.steps ?? [];
      let start = 0;
      const first = steps[0];
      // "$.email" and "$$.email": the step after the context variable is a root field.
      if (first?.type === 'variable' && (first.value === '' || first.value === '$')) {
        if (steps.length === 1) out.all = atRoot || first.value === '$';
        start = 1;
        walkChildren(first, atRoot, out, new Set(['steps']));
      }
      steps
        .slice(start)
        .forEach((step, i) => walk(step, i === 0 && (atRoot || (start === 1 && first?.value === '$')), out));
      walkChildren(node, false, out, new Set(['steps']));
      return;
    }
    case 'name':
      if (atRoot && typeof node.value === 'string') out.fields.add(node.value);
      walkChildren(node, false, out);
      return;
    case 'wildcard':
    case 'descendant':
      if (atRoot) out.all = true;
      walkChildren(node, false, out);
      return;
    case 'variable':
      if (node.value === '$')
        out.all = true; // $$ = the whole record
      else if (node.value === '' && atRoot) out.all = true;
      walkChildren(node, atRoot, out);
      return;
    case 'function':
    case 'partial': {
      // $lookup($, expr) / $keys($) / $each($, …) reach arbitrary fields.
      walkChildren(node, atRoot, out);
      return;
    }
    default:
      walkChildren(node, atRoot, out);
  }
}
