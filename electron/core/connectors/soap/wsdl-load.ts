import { readFile } from 'node:fs/promises';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { WSDL } from 'soap';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../../../shared/error-message';

/**
 * Every document a WSDL needs (the WSDL itself, imported WSDLs, imported and included XSDs), keyed by
 * the URL it was read from. An imported connector keeps this bundle, so calls never re-read files or
 * re-fetch a remote WSDL and the operations cannot change under a mapping.
 */
export interface WsdlBundle {
  root: string;
  documents: Record<string, string>;
}

/** Reads one document; remote fetches go through the connector runtime (see import.ts). */
export type FetchDocument = (url: string) => Promise<string>;

// node-soap reads local includes with fs itself; presenting local files under a virtual http origin routes
// every read through our fetcher, so the rule "a remote document cannot pull in local files" is enforced here.
const LOCAL_ORIGIN = 'http://local-file.wsdl.invalid';

const EMPTY_SCHEMA = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>';

const toVirtual = (fileUrl: string) => LOCAL_ORIGIN + new URL(fileUrl).pathname;
const fromVirtual = (url: string) => 'file://' + new URL(url).pathname;

/** A source as the importer accepts it (absolute path, file: URL or http(s) URL) → its document URL. */
export function documentUrl(source: string): string {
  if (/^https?:\/\//i.test(source) || /^file:/i.test(source)) return source;
  return pathToFileURL(source).toString();
}

/** Options that change how node-soap serializes (the corpus exercises them; connectors use the defaults). */
export type WsdlOptions = Record<string, unknown>;

interface HttpLike {
  request(url: string, data: unknown, cb: (err: unknown, res?: unknown, body?: string) => void): void;
}

/**
 * Parse a WSDL with node-soap (its schema model and serializer pass the public corpus; see docs/soap.md),
 * reading every document through `fetch`. Errors name the document that failed.
 */
export interface SkippedImport {
  document: string;
  reason: string;
}

export async function loadWsdl(
  source: string,
  fetch: FetchDocument,
  options: WsdlOptions = {},
  opts: { skipUnreadableImports?: boolean } = {},
): Promise<{ wsdl: WSDL; bundle: WsdlBundle; skipped: SkippedImport[] }> {
  const rootUrl = documentUrl(source);
  const remoteRoot = /^https?:/i.test(rootUrl);
  const documents: Record<string, string> = {};
  const skipped: SkippedImport[] = [];
  const read = async (url: string): Promise<string> => {
    const isLocal = url.startsWith(LOCAL_ORIGIN);
    if (isLocal && remoteRoot)
      throw new AppError(
        'invalid_definition',
        `${rootUrl} (a remote WSDL) imports a local file; only documents on http(s) can be imported from it.`,
        { document: rootUrl, import: url },
      );
    const key = isLocal ? fromVirtual(url) : url;
    if (documents[key] !== undefined) return documents[key];
    let text: string;
    try {
      text = await fetch(key);
    } catch (err) {
      if (!opts.skipUnreadableImports || key === rootUrl) throw unreachable(rootUrl, key, err);
      // Partial import: the types of an unreadable schema are unknown, the rest of the WSDL still works.
      skipped.push({ document: key, reason: `could not be read: ${firstLine(err)}` });
      text = EMPTY_SCHEMA;
    }
    documents[key] = text;
    return text;
  };
  const httpClient: HttpLike = {
    request(url, _data, cb) {
      read(url).then(
        (body) => cb(null, { status: 200, data: body, headers: {} }, body),
        (err: unknown) => cb(err),
      );
    },
  };
  const virtualRoot = remoteRoot ? rootUrl : toVirtual(rootUrl);
  let rootText: string;
  try {
    rootText = await read(virtualRoot);
  } catch (err) {
    throw unreachable(rootUrl, rootUrl, err);
  }
  if (/<([\w-]+:)?description[\s>][\s\S]*?http:\/\/www\.w3\.org\/ns\/wsdl/.test(rootText.slice(0, 4000)))
    throw new AppError(
      'unsupported',
      `${rootUrl} is a WSDL 2.0 document; Patchbay imports WSDL 1.1 (most SOAP services publish both: ask for the 1.1 one, often ?wsdl).`,
      { document: rootUrl },
    );
  const wsdl = await new Promise<WSDL>((resolve, reject) => {
    let importing = rootUrl;
    const opts = {
      ...options,
      httpClient,
      wsdl_options: {
        ...(options.wsdl_options as object | undefined),
        // Remember which document is being read, so a failure names it.
        overrideImportLocation: (location: string) => {
          if (!/^https?:/i.test(location))
            throw new AppError(
              'invalid_definition',
              `Import "${location}" in ${rootUrl} is not a file or http(s) URL.`,
              {
                document: rootUrl,
                import: location,
              },
            );
          importing = location.startsWith(LOCAL_ORIGIN) ? fromVirtual(location) : location;
          return location;
        },
      },
    };
    let w: WSDL;
    try {
      w = new WSDL(rootText, virtualRoot, opts as never);
    } catch (err) {
      reject(notWsdl(rootUrl, err));
      return;
    }
    w.onReady((err: unknown) => {
      if (!err) return resolve(w);
      if (AppError.is(err)) return reject(err);
      const doc = importing;
      reject(documents[doc] === undefined ? unreachable(rootUrl, doc, err) : notWsdl(doc, err));
    });
  });
  // node-soap keeps the virtual URLs in its model; the bundle carries real ones.
  applyClientDefaults(wsdl, options);
  return { wsdl, bundle: { root: rootUrl, documents }, skipped };
}

/** What node-soap's Client sets on its WSDL before serializing (we use the WSDL without its Client). */
function applyClientDefaults(wsdl: WSDL, options: WsdlOptions): void {
  Object.assign(wsdl.options, {
    attributesKey: options.attributesKey ?? 'attributes',
    envelopeKey: 'soap',
    preserveWhitespace: !!options.preserveWhitespace,
    forceUseSchemaXmlns: !!options.forceUseSchemaXmlns,
    ...(options.overrideElementKey !== undefined ? { overrideElementKey: options.overrideElementKey } : {}),
    ...(options.overrideRootElement !== undefined ? { overrideRootElement: options.overrideRootElement } : {}),
  });
}

/** Load a WSDL again from its bundle alone (no file or network access). */
export function loadWsdlFromBundle(bundle: WsdlBundle, options: WsdlOptions = {}): Promise<WSDL> {
  return loadWsdl(
    bundle.root,
    async (url) => {
      const text = bundle.documents[url];
      if (text === undefined)
        throw new AppError('invalid_definition', `The stored WSDL bundle lacks ${url}; import the WSDL again.`, {
          document: url,
        });
      return text;
    },
    options,
  ).then((r) => r.wsdl);
}

/** Reads local files and refuses anything else; the importer adds remote fetching through the runtime. */
export const readLocalDocument: FetchDocument = async (url) => {
  if (!url.startsWith('file:'))
    throw new AppError('invalid_input', `${url}: only local files can be read here.`, { document: url });
  return readFile(fileURLToPath(url), 'utf8');
};

function firstLine(err: unknown): string {
  const msg = errorMessage(err);
  return msg.split('\n')[0]!.slice(0, 300);
}

// Errors that already say what is wrong with the document; anything else (a 404, a timeout) is named after it.
const ALREADY_CLEAR = new Set(['invalid_definition', 'invalid_wsdl', 'wsdl_unreachable', 'unsupported', 'cancelled']);

function unreachable(root: string, doc: string, err: unknown): AppError {
  if (AppError.is(err) && ALREADY_CLEAR.has(err.code)) return err;
  // A query string may carry an access token: messages name documents without it.
  const bare = (u: string) => u.split('?')[0]!;
  const status = AppError.is(err) && typeof err.details?.status === 'number' ? err.details.status : undefined;
  const why = status !== undefined ? `the server answered HTTP ${status}` : firstLine(err);
  return new AppError(
    'wsdl_unreachable',
    doc === root
      ? `Could not read the WSDL ${bare(doc)}: ${why}. Check the path or URL and that it is reachable.`
      : `The WSDL ${bare(root)} imports ${bare(doc)}, which could not be read: ${why}.`,
    {
      document: bare(doc),
      root: bare(root),
      ...(status !== undefined ? { status } : {}),
      ...(AppError.is(err) ? { cause: err.code } : {}),
    },
  );
}

function notWsdl(doc: string, err: unknown): AppError {
  return new AppError('invalid_wsdl', `${doc} is not a readable WSDL or XML Schema: ${firstLine(err)}`, {
    document: doc,
  });
}
