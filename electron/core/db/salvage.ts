import Database from 'better-sqlite3';

export interface SalvagedTable {
  name: string;
  recovered: number;
  /** Rows the damaged file claimed to hold; undefined when even counting failed. */
  total?: number;
}

interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Copies every row that can still be read from a damaged SQLite file into `fresh` (already at the
 * latest schema), table by table and row by row, in the spirit of sqlite3's `.recover`: a b-tree
 * with a bad page is read forwards up to the damage, backwards from the end down to it, and (for
 * rowid tables) from probe points inside the gap, so one bad page costs the rows on it, not the
 * table. Tables only the old file has (a dataset's own table) are re-created from their SQL.
 * Full-text indexes are not copied: the fresh file's triggers rebuild them from the copied rows.
 */
export function salvageInto(damagedPath: string, fresh: Database.Database): SalvagedTable[] {
  let old: Database.Database;
  try {
    old = new Database(damagedPath, { fileMustExist: true });
    // A truncated file claims more pages than it has; SQLite reads up to the real end of the file only
    // with writable_schema on, which better-sqlite3's defensive mode forbids. This connection only reads.
    old.unsafeMode(true);
    old.pragma('writable_schema = ON');
  } catch {
    return [];
  }
  try {
    const oldMaster = tryRead(
      () => old.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as MasterRow[],
    );
    const freshMaster = fresh.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as MasterRow[];
    const copyable = (rows: MasterRow[]) => {
      const virtual = rows.filter((r) => r.type === 'table' && /^CREATE VIRTUAL/i.test(r.sql ?? '')).map((r) => r.name);
      return rows.filter(
        (r) =>
          r.type === 'table' &&
          !r.name.startsWith('sqlite_') &&
          !/^CREATE VIRTUAL/i.test(r.sql ?? '') &&
          !virtual.some((v) => r.name.startsWith(`${v}_`)),
      );
    };
    const freshTables = copyable(freshMaster);
    const oldOnly = copyable(oldMaster ?? []).filter((r) => !freshTables.some((t) => t.name === r.name));
    for (const table of oldOnly) {
      fresh.exec(table.sql!);
      for (const index of (oldMaster ?? []).filter((r) => r.type === 'index' && r.tbl_name === table.name && r.sql))
        tryRead(() => fresh.exec(index.sql!));
    }
    return [...freshTables, ...oldOnly].map((t) => copyTable(old, fresh, t.name, oldMaster ?? freshMaster));
  } finally {
    old.close();
  }
}

function copyTable(
  old: Database.Database,
  fresh: Database.Database,
  table: string,
  master: MasterRow[],
): SalvagedTable {
  const freshCols = (fresh.pragma(`table_info(${quote(table)})`) as { name: string; pk: number }[]).map((c) => c.name);
  const oldInfo = tryRead(() => old.pragma(`table_info(${quote(table)})`) as { name: string; pk: number }[]);
  const cols = oldInfo?.length ? oldInfo.map((c) => c.name).filter((c) => freshCols.includes(c)) : freshCols;
  const total = tryRead(
    () =>
      old
        .prepare(`SELECT count(*) FROM ${quote(table)} NOT INDEXED`)
        .pluck()
        .get() as number,
  );
  if (!cols.length) return { name: table, recovered: 0, total };
  const withoutRowid = /WITHOUT\s+ROWID/i.test(master.find((r) => r.name === table)?.sql ?? '');
  const pk = withoutRowid
    ? (oldInfo ?? [])
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name)
    : [];
  const keyCols = withoutRowid ? pk : ['rowid'];
  if (!keyCols.length) return { name: table, recovered: 0, total };
  const insertCols = withoutRowid ? cols : ['rowid', ...cols];
  const insert = fresh.prepare(
    `INSERT OR IGNORE INTO ${quote(table)} (${insertCols.map(quote).join(', ')}) VALUES (${insertCols.map(() => '?').join(', ')})`,
  );
  const keySql = keyCols.map((c) => (c === 'rowid' ? 'rowid' : quote(c))).join(', ');
  const keyTuple = keyCols.length > 1 ? `(${keySql})` : keySql;
  const params = (n: number) => (n > 1 ? `(${Array(n).fill('?').join(', ')})` : '?');
  const select = (where: string, desc: boolean) =>
    `SELECT ${keySql}, ${cols.map(quote).join(', ')} FROM ${quote(table)} NOT INDEXED ${where} ORDER BY ${keyCols
      .map((c) => `${c === 'rowid' ? 'rowid' : quote(c)}${desc ? ' DESC' : ''}`)
      .join(', ')}`;
  let recovered = 0;

  /** Reads rows from one starting point until the data ends or the damage stops the cursor; returns the last key read. */
  const scan = (sql: string, args: unknown[]): unknown[] | undefined => {
    let last: unknown[] | undefined;
    // One transaction per scan that always commits: the read error ends the loop, not the copy.
    fresh.transaction(() => {
      try {
        const stmt = old.prepare(sql).raw(true).safeIntegers(true);
        for (const row of stmt.iterate(...args) as Iterable<unknown[]>) {
          const key = row.slice(0, keyCols.length);
          last = key;
          const values = row.slice(keyCols.length);
          recovered += insert.run(...(withoutRowid ? values : [key[0], ...values])).changes;
        }
      } catch {
        // The damage: keep what was copied before it.
      }
    })();
    return last;
  };

  const lastForward = scan(select('', false), []);
  const firstBackward = scan(
    select(lastForward ? `WHERE ${keyTuple} > ${params(keyCols.length)}` : '', true),
    lastForward ?? [],
  );
  if (!withoutRowid && lastForward && firstBackward) {
    // Rows between the two ends sit behind the damaged page(s): probe from points inside the gap.
    const lo = BigInt(lastForward[0] as bigint);
    const hi = BigInt(firstBackward[0] as bigint);
    const steps = 64n;
    if (hi - lo > 1n)
      for (let k = 1n; k < steps; k++) {
        const from = lo + ((hi - lo) * k) / steps;
        const to = k + 1n === steps ? hi - 1n : lo + ((hi - lo) * (k + 1n)) / steps;
        scan(select('WHERE rowid > ? AND rowid <= ?', false), [from, to]);
      }
  }
  return { name: table, recovered, total };
}

function tryRead<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
