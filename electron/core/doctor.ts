import { accessSync, constants, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { DoctorCheck, DoctorReport } from '../../shared/models/app';
import { errorMessage } from '../../shared/error-message';

export interface DoctorDeps {
  dataDir: string;
  checkKeychain: () => Promise<{ ok: boolean; detail: string }>;
  settingsPath: string;
  /** Ports the user configured (webhook listener); 0 = random, always fine. */
  ports: number[];
  /** The data folder's SQLite files. */
  databases?: { what: string; path: string }[];
  /** Files repaired when this process started (see db/recover). */
  recoveries?: { message: string }[];
}

/** Each check answers OK with what it found, or a reason a non-developer can act on. */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const keychain = await deps.checkKeychain().catch((e: Error) => ({ ok: false, detail: e.message }));
  checks.push({ id: 'keychain', label: 'OS keychain', ...keychain });
  checks.push(checkDataDir(deps.dataDir));
  checks.push(checkSqlite(deps.dataDir));
  if (deps.databases) checks.push(checkDatabases(deps.databases, deps.recoveries ?? []));
  checks.push(checkSettings(deps.settingsPath));
  checks.push(await checkPorts(deps.ports));
  return { ok: checks.every((c) => c.ok), checks };
}

function checkDataDir(dataDir: string): DoctorCheck {
  const label = 'Data folder';
  try {
    mkdirSync(dataDir, { recursive: true });
    const probe = join(dataDir, `.doctor-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
    return { id: 'data_dir', label, ok: true, detail: `${dataDir} is writable` };
  } catch (error) {
    return {
      id: 'data_dir',
      label,
      ok: false,
      detail: `${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'}): choose another folder with --data-dir or PATCHBAY_DATA_DIR, or fix its permissions`,
    };
  }
}

function checkSqlite(dataDir: string): DoctorCheck {
  const label = 'SQLite';
  const file = join(dataDir, `.doctor-${process.pid}.db`);
  try {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(x); INSERT INTO t VALUES ('hello world');");
    const row = db.prepare("SELECT count(*) AS n FROM t WHERE t MATCH 'hello'").get() as { n: number };
    const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    db.close();
    return { id: 'sqlite', label, ok: row.n === 1, detail: `SQLite ${version} with WAL and FTS5` };
  } catch (error) {
    return {
      id: 'sqlite',
      label,
      ok: false,
      detail: `SQLite does not work here: ${errorMessage(error)}. Reinstall Patchbay (the native module may be built for another version).`,
    };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

/** Each database passes quick_check now; repairs made at start and old copies kept aside are listed. */
function checkDatabases(databases: { what: string; path: string }[], recoveries: { message: string }[]): DoctorCheck {
  const label = 'Databases';
  const problems: string[] = [];
  const sizes: string[] = [];
  for (const { what, path } of databases) {
    if (!existsSync(path)) continue;
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      const result = db.pragma('quick_check(1)', { simple: true });
      if (result !== 'ok') problems.push(`${what} (${path}) is damaged: ${String(result)}`);
      else sizes.push(`${basename(path)} ${formatBytes(statSync(path).size)}`);
    } catch (error) {
      problems.push(`${what} (${path}) cannot be read: ${errorMessage(error)}`);
    } finally {
      db?.close();
    }
  }
  const folder = databases[0] ? dirname(databases[0].path) : undefined;
  const names = new Set(databases.map((d) => basename(d.path)));
  const keptAside = folder
    ? readdirSync(folder).filter(
        (f) => /\.(corrupt|foreign)-[0-9TZ-]+$/.test(f) && names.has(f.replace(/\.(corrupt|foreign)-.*$/, '')),
      )
    : [];
  const parts = [
    problems.length
      ? `${problems.join('; ')}. Restart Patchbay to repair them.`
      : `healthy (${sizes.join(', ') || 'none yet'})`,
    ...recoveries.map((r) => `Repaired at start: ${r.message}`),
    keptAside.length
      ? `Damaged copies kept aside (safe to delete once you have checked them): ${keptAside.join(', ')}`
      : '',
  ].filter(Boolean);
  return { id: 'databases', label, ok: problems.length === 0, detail: parts.join(' ') };
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function checkSettings(path: string): DoctorCheck {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return { id: 'settings', label: 'Settings file', ok: true, detail: `${path} is readable and writable` };
  } catch {
    return { id: 'settings', label: 'Settings file', ok: true, detail: `${path} will be created on first save` };
  }
}

async function checkPorts(ports: number[]): Promise<DoctorCheck> {
  const label = 'Local ports (demo tools, webhooks)';
  const wanted = [0, ...ports.filter((p) => p > 0)];
  const busy: number[] = [];
  for (const port of wanted) {
    if (!(await canListen(port))) busy.push(port);
  }
  if (busy.length === 0)
    return {
      id: 'local_ports',
      label,
      ok: true,
      detail: `127.0.0.1 accepts listeners${ports.some((p) => p > 0) ? ` (port ${ports.filter((p) => p > 0).join(', ')} free)` : ''}`,
    };
  if (busy.includes(0))
    return {
      id: 'local_ports',
      label,
      ok: false,
      detail: 'Cannot open any port on 127.0.0.1: check firewall or container restrictions.',
    };
  return {
    id: 'local_ports',
    label,
    ok: false,
    detail: `Port ${busy.join(', ')} is in use by another program: pick another webhook port in Settings.`,
  };
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
