/**
 * A WHERE clause built from optional filters: each condition with its bound values, so queries
 * never interpolate a value into SQL. Shared by the app-event and ledger queries.
 */
export class SqlWhere {
  private readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...values: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...values);
    return this;
  }

  /** `time_ms` within [from, to) when given (ISO strings already validated by the caller). */
  timeRange(from: string | undefined, to: string | undefined): this {
    if (from) this.add('time_ms >= ?', Date.parse(from));
    if (to) this.add('time_ms < ?', Date.parse(to));
    return this;
  }

  /** `WHERE …`, or nothing when no filter applies. */
  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
