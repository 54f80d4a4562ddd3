import type { InferredPagination, OperationObject, Schema } from './types';
import { collectionOf } from './schema-walk';

const CURSOR_PARAMS = [
  'after',
  'cursor',
  'page_token',
  'pagetoken',
  'next_token',
  'nexttoken',
  'continuation',
  'continuation_token',
  'next_page_token',
];
const SIZE_PARAMS = [
  'limit',
  'per_page',
  'perpage',
  'page_size',
  'pagesize',
  'size',
  'count',
  'max_results',
  'maxresults',
];
const NEXT_CURSOR = /^(next_?cursor|next_?page_?token|next_?token|cursor|after|next_after|continuation(_?token)?)$/i;
const NEXT_URL = /^(next|next_?ur[il]|next_?link|next_?page(_?ur[il])?|@odata\.nextLink)$/i;

/** The query parameter that sets the page size (`limit`, `pageSize`, `PageSize`), if the operation has one. */
export function pageSizeParamOf(op: OperationObject): string | undefined {
  const names = new Map(
    (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name.toLowerCase(), p.name]),
  );
  return SIZE_PARAMS.map((n) => names.get(n)).find(Boolean);
}

/** Where a next-page value lives in the response schema (dotted, at most 3 levels deep). */
function findProperty(
  schema: Schema | undefined,
  test: (name: string, s: Schema) => boolean,
  prefix = '',
  depth = 0,
): string | undefined {
  if (!schema?.properties || depth > 3) return undefined;
  for (const [name, s] of Object.entries(schema.properties)) {
    if (test(name, s)) return prefix + name;
  }
  for (const [name, s] of Object.entries(schema.properties)) {
    if (s.type === 'object' || s.properties) {
      const found = findProperty(s, test, `${prefix}${name}.`, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Guess a list operation's pagination from what the document says: a `Link` response header,
 * `starting_after`, cursor-ish params with a matching next-cursor property, offset/limit, page
 * numbers, or a next URL in the body. When nothing fits we say so and let the user choose.
 */
export function inferPagination(
  op: OperationObject,
  responseSchema: Schema | undefined,
  collection?: string,
): InferredPagination {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query');
  const names = new Map(params.map((p) => [p.name.toLowerCase(), p.name]));
  const has = (n: string) => names.get(n);
  const size = SIZE_PARAMS.map(has).find(Boolean);
  const ok200 = Object.entries(op.responses ?? {}).find(([code]) => code.startsWith('2'))?.[1];
  if (ok200?.headers && Object.keys(ok200.headers).some((h) => h.toLowerCase() === 'link')) {
    return { known: true, pagination: { style: 'link_header' }, reason: 'the response declares a Link header' };
  }
  const startingAfter = has('starting_after');
  if (startingAfter) {
    const hasMore = findProperty(responseSchema, (n) => /^has_?more$/i.test(n));
    if (hasMore)
      return {
        known: true,
        pagination: { style: 'id_cursor', param: startingAfter, hasMorePath: hasMore, idField: 'id' },
        reason: `"${startingAfter}" with "${hasMore}" in the response`,
      };
  }
  const cursorParam = CURSOR_PARAMS.map(has).find(Boolean);
  if (cursorParam) {
    const cursorPath = findProperty(
      responseSchema,
      (n) => NEXT_CURSOR.test(n) || n.toLowerCase() === cursorParam.toLowerCase(),
    );
    if (cursorPath)
      return {
        known: true,
        pagination: { style: 'cursor_in_body', cursorPath, param: cursorParam },
        reason: `"${cursorParam}" parameter and "${cursorPath}" in the response`,
      };
    const nextUrl = findProperty(
      responseSchema,
      (n, s) => NEXT_URL.test(n) && (s.type === 'string' || s.format === 'uri'),
    );
    if (nextUrl)
      return {
        known: true,
        pagination: { style: 'next_url', path: nextUrl },
        reason: `"${nextUrl}" URL in the response`,
      };
    return {
      known: false,
      reason: `found a "${cursorParam}" parameter but no next-cursor field in the response — please choose where the cursor comes from`,
    };
  }
  const offset = has('offset') ?? has('skip') ?? has('start');
  if (offset && size)
    return {
      known: true,
      pagination: { style: 'offset_limit', offsetParam: offset, limitParam: size },
      reason: `"${offset}" and "${size}" parameters`,
    };
  const page = has('page') ?? has('page_number') ?? has('pagenumber');
  if (page)
    return {
      known: true,
      pagination: { style: 'page_number', pageParam: page, ...(size ? { sizeParam: size } : {}), firstPage: 1 },
      reason: `"${page}" parameter`,
    };
  const nextUrl = findProperty(
    responseSchema,
    (n, s) => NEXT_URL.test(n) && (s.type === 'string' || s.format === 'uri'),
  );
  if (nextUrl && collectionOf(responseSchema, collection)?.selector)
    return {
      known: true,
      pagination: { style: 'next_url', path: nextUrl },
      reason: `"${nextUrl}" URL in the response`,
    };
  // Nothing in the document pages this list: no page, offset, cursor or size parameter, no next link.
  if (!size && !params.some((p) => /page|offset|cursor|token|after|before|skip|start/i.test(p.name)))
    return {
      known: true,
      pagination: { style: 'none' },
      reason: 'no paging parameter or next link in the document: one answer holds every record',
    };
  return {
    known: false,
    reason: 'pagination unknown — please choose (pick "none" if the endpoint returns everything at once)',
  };
}
