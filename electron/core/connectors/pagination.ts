import type { Pagination } from '../../../shared/models/connector';
import { callError, type CallContext } from './http/context';
import { parseLinkHeader } from './link-header';
import { getPath, selectRecords } from './paths';

/** What the paginator asks for: extra query params for the first URL, or an absolute next URL. */
export interface PageRequest {
  query: Record<string, string>;
  /** Absolute URL given by the server (next_url, Link header); replaces path + query. */
  url?: string;
}

export interface PageResult {
  body: unknown;
  headers: Record<string, string>;
}

export interface PageOptions {
  pagination: Pagination;
  pageSize?: number;
  pageSizeParam?: string;
  recordSelector: string;
  inheritFields?: Record<string, string>;
  /** Stop after this many records (e.g. a preview); undefined = all. */
  limit?: number;
  /** For errors: names connector, resource, request. */
  context: CallContext;
}

// Remember this many recent cursors: enough to catch A→B→A cycles without growing with the resource.
const LOOP_MEMORY = 64;

/**
 * Pages as an async iterator, one page in memory at a time (so a 1,000,000-record resource streams
 * in bounded memory). Each style decides the next request from the last page; a cursor or next URL
 * seen recently means the server is looping, which fails with `pagination_loop` instead of spinning.
 */
export async function* pages(
  fetchPage: (req: PageRequest) => Promise<PageResult>,
  opts: PageOptions,
): AsyncGenerator<Record<string, unknown>[]> {
  const p = opts.pagination;
  const size = opts.pageSize;
  const recent: string[] = [];
  const seen = new Set<string>();
  const remember = (cursor: string, page: number) => {
    if (seen.has(cursor)) {
      throw callError(
        'pagination_loop',
        opts.context,
        `page ${page} returned cursor "${cursor.slice(0, 120)}" that an earlier page already returned; stopping to avoid an endless loop.`,
        { cursor: cursor.slice(0, 200), page },
      );
    }
    seen.add(cursor);
    recent.push(cursor);
    if (recent.length > LOOP_MEMORY) seen.delete(recent.shift()!);
  };

  let req: PageRequest = { query: {} };
  if (size !== undefined) {
    if (p.style === 'offset_limit') req.query[p.limitParam] = String(size);
    else if (p.style === 'page_number' && p.sizeParam) req.query[p.sizeParam] = String(size);
    else if (opts.pageSizeParam) req.query[opts.pageSizeParam] = String(size);
  }
  if (p.style === 'offset_limit') req.query[p.offsetParam] = '0';
  if (p.style === 'page_number') req.query[p.pageParam] = String(p.firstPage);

  let emitted = 0;
  for (let page = 1; ; page++) {
    const res = await fetchPage(req);
    let records = selectRecords(res.body, opts.recordSelector, opts.inheritFields);
    if (opts.limit !== undefined && emitted + records.length > opts.limit)
      records = records.slice(0, opts.limit - emitted);
    emitted += records.length;
    if (records.length) yield records;
    if (opts.limit !== undefined && emitted >= opts.limit) return;

    let next: PageRequest | undefined;
    switch (p.style) {
      case 'none':
        return;
      case 'cursor_in_body': {
        const cursor = getPath(res.body, p.cursorPath);
        if (cursor === undefined || cursor === null || cursor === '') return;
        remember(String(cursor), page);
        next = { query: { ...req.query, [p.param]: String(cursor) } };
        break;
      }
      case 'id_cursor': {
        const more = getPath(res.body, p.hasMorePath);
        if (!(more === true || more === 'true') || records.length === 0) return;
        const id = records[records.length - 1][p.idField];
        if (id === undefined || id === null) {
          throw callError(
            'bad_response',
            opts.context,
            `says there are more pages but the last record has no "${p.idField}" to continue from.`,
          );
        }
        remember(String(id), page);
        next = { query: { ...req.query, [p.param]: String(id) } };
        break;
      }
      case 'next_url': {
        const url = getPath(res.body, p.path);
        if (typeof url !== 'string' || !url) return;
        remember(url, page);
        next = { query: {}, url };
        break;
      }
      case 'link_header': {
        const url = parseLinkHeader(res.headers.link).next;
        if (!url) return;
        remember(url, page);
        next = { query: {}, url };
        break;
      }
      case 'offset_limit': {
        if (records.length === 0 || (size !== undefined && records.length < size)) return;
        next = { query: { ...req.query, [p.offsetParam]: String(Number(req.query[p.offsetParam]) + records.length) } };
        break;
      }
      case 'page_number': {
        if (records.length === 0 || (size !== undefined && records.length < size)) return;
        next = { query: { ...req.query, [p.pageParam]: String(Number(req.query[p.pageParam]) + 1) } };
        break;
      }
    }
    req = next;
  }
}
