import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectSecurityHeader, usernameTokenXml } from '../../electron/core/auth/wsse';
import { SoapService } from '../../electron/core/connectors/soap/codec';
import { readLocalDocument } from '../../electron/core/connectors/soap/wsdl-load';
import { compareJson } from './json-compare';
import { compareXml } from './xml-compare';

/**
 * The SOAP conformance corpus (node-soap's request/response samples): per case, import the WSDL,
 * build the request from request.json and compare it with request.xml namespace-aware, then parse
 * response.xml and compare with response.json.
 */
export interface Direction {
  pass: boolean;
  reason?: string;
}
export interface CaseResult {
  name: string;
  operation: string;
  request: Direction;
  /** undefined when the case has no response sample. */
  response?: Direction;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The full corpus: `../shared` beside the repository (CI's layout), or PATCHBAY_SHARED_DIR. */
export function corpusDir(): string | undefined {
  const shared = process.env.PATCHBAY_SHARED_DIR ?? resolve(repoRoot, '../shared');
  const dir = join(shared, 'vendor-specs/soap-samples');
  return existsSync(dir) ? dir : undefined;
}

/** The minimized extract committed with the repository, so some conformance always runs. */
export const FIXTURE_DIR = join(repoRoot, 'tests/fixtures/soap-samples');

export function listCases(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'soap.wsdl')))
    .map((d) => d.name)
    .sort();
}

const readJson = (file: string) => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined);
// The corpus' WS-Security samples were recorded at this instant.
const SAMPLE_TIME = '2014-10-12T01:02:03Z';

function securityHeader(spec: Record<string, unknown> | undefined): string | undefined {
  if (!spec || spec.type !== 'ws') return undefined;
  const o = spec.options;
  const opts = typeof o === 'object' && o ? (o as Record<string, unknown>) : {};
  const type = (typeof o === 'string' ? o : opts.passwordType) === 'PasswordDigest' ? 'PasswordDigest' : 'PasswordText';
  const timestamp = opts.hasTimeStamp === false ? undefined : { ttlSeconds: 600 };
  return usernameTokenXml(String(spec.username), String(spec.password), type, SAMPLE_TIME, undefined, {
    nonce: opts.hasNonce === true,
    ids: true,
    timestamp,
  });
}

const message = (err: unknown) => (err instanceof Error ? err.message : JSON.stringify(err)).split('\n')[0]!;

export async function runCase(dir: string, name: string): Promise<CaseResult> {
  const folder = join(dir, name);
  const operation = name.split('__')[0]!;
  const result: CaseResult = { name, operation, request: { pass: false } };
  const options = (readJson(join(folder, 'wsdl_options.json')) ?? {}) as Record<string, unknown>;
  let service: SoapService;
  try {
    service = await SoapService.load(join(folder, 'soap.wsdl'), readLocalDocument, options, {
      skipUnreadableImports: true,
    });
  } catch (err) {
    const reason = `WSDL import failed: ${message(err)}`;
    result.request = { pass: false, reason };
    if (existsSync(join(folder, 'response.xml'))) result.response = { pass: false, reason };
    return result;
  }
  const requestFile = ['request.xml', 'reqeust.xml'].map((f) => join(folder, f)).find(existsSync);
  try {
    const args = readJson(join(folder, 'request.json')) as Record<string, unknown> | null;
    let { envelope } = service.buildRequest(operation, args);
    const security = securityHeader(readJson(join(folder, 'security.json')) as Record<string, unknown> | undefined);
    if (security) envelope = injectSecurityHeader(envelope, security);
    const diff = requestFile ? compareXml(envelope, readFileSync(requestFile, 'utf8')) : 'no request sample';
    result.request = diff ? { pass: false, reason: diff } : { pass: true };
  } catch (err) {
    result.request = { pass: false, reason: `request not built: ${message(err)}` };
  }
  if (existsSync(join(folder, 'response.xml'))) {
    try {
      const parsed = service.parseResponse(operation, readFileSync(join(folder, 'response.xml'), 'utf8'));
      const diff = compareJson(parsed, readJson(join(folder, 'response.json')) ?? null);
      result.response = diff ? { pass: false, reason: diff } : { pass: true };
    } catch (err) {
      result.response = { pass: false, reason: `response not parsed: ${message(err)}` };
    }
  }
  return result;
}

export async function runCorpus(dir: string): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const name of listCases(dir)) out.push(await runCase(dir, name));
  return out;
}

export const passesBoth = (r: CaseResult) => r.request.pass && (r.response?.pass ?? true);
