/**
 * Time-zone arithmetic on top of Intl only (no date library, no tz database of our own):
 * the offset of a zone at an instant, and the instant of a wall-clock time in a zone,
 * with DST gaps and overlaps resolved like Temporal's `disambiguation` option.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // en-US + h23 gives "MM/DD/YYYY, HH:mm:ss", cheap to parse; format() is ~3x faster than formatToParts().
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isUtcZone(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Z';
}

export function isValidTimeZone(zone: string): boolean {
  if (isUtcZone(zone)) return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** UTC epoch of a calendar date-time, correct for years 0–99 too (Date.UTC maps those to 19xx). */
export function utcEpoch(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  d.setUTCFullYear(year);
  return d.getTime();
}

// Since the 1970s every zone changes offset on a quarter hour, so offsets are cached per 15-minute
// bucket; older instants (odd LMT transitions) are always computed.
const offsetCache = new Map<string, number>();
const CACHE_FROM = Date.UTC(1980, 0, 1);

/** Offset of `zone` from UTC at `epochMs`, in milliseconds (Paris in summer: +7_200_000). */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  if (isUtcZone(zone)) return 0;
  const cacheable = epochMs >= CACHE_FROM;
  const key = cacheable ? `${zone}|${Math.floor(epochMs / (15 * MINUTE))}` : '';
  if (cacheable) {
    const hit = offsetCache.get(key);
    if (hit !== undefined) return hit;
  }
  const text = formatter(zone).format(new Date(epochMs));
  const m = /(\d+)\/(\d+)\/(\d+),?\s+(\d+):(\d+):(\d+)/.exec(text);
  if (!m) throw new Error(`Unexpected Intl output ${JSON.stringify(text)} for zone ${zone}`);
  const wall = utcEpoch(Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  const offset = wall - Math.floor(epochMs / 1000) * 1000;
  if (cacheable) {
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

export type WallTimeResult = { epochMs: number; adjusted?: 'gap' | 'overlap' } | { error: 'gap' | 'overlap' };

/**
 * Instant of a wall-clock time in `zone`. A time skipped by a spring-forward gap moves forward by
 * the gap length ("compatible"/"later") or back ("earlier"); a repeated autumn time takes the
 * first ("compatible"/"earlier") or second occurrence; "reject" reports either case.
 */
export function wallTimeToEpoch(
  wallAsUtc: number,
  zone: string,
  disambiguation: Disambiguation = 'compatible',
): WallTimeResult {
  if (isUtcZone(zone)) return { epochMs: wallAsUtc };
  // The offsets a day before and after bracket any single transition near this wall time.
  const before = zoneOffsetMs(zone, wallAsUtc - DAY);
  const after = zoneOffsetMs(zone, wallAsUtc + DAY);
  const candidates: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wallAsUtc - offset;
    if (zoneOffsetMs(zone, instant) === offset) candidates.push(instant);
  }
  candidates.sort((a, b) => a - b);
  if (candidates.length === 1) return { epochMs: candidates[0]! };
  if (candidates.length === 2) {
    if (disambiguation === 'reject') return { error: 'overlap' };
    return { epochMs: disambiguation === 'later' ? candidates[1]! : candidates[0]!, adjusted: 'overlap' };
  }
  if (disambiguation === 'reject') return { error: 'gap' };
  // In a gap, the pre-transition offset lands after the gap, the post-transition one before it.
  return { epochMs: disambiguation === 'earlier' ? wallAsUtc - after : wallAsUtc - before, adjusted: 'gap' };
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

export function formatOffset(offsetMs: number): string {
  if (offsetMs === 0) return 'Z';
  const minutes = Math.round(offsetMs / MINUTE);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** ISO 8601 of an instant as seen in `zone`: "2024-03-31T03:30:00+02:00", or "…Z" for UTC. */
export function formatInZone(epochMs: number, zone: string): string {
  const offset = zoneOffsetMs(zone, epochMs);
  const local = new Date(epochMs + offset).toISOString(); // "YYYY-MM-DDTHH:mm:ss.sssZ" of the wall time
  const body = local.endsWith('.000Z') ? local.slice(0, -5) : local.slice(0, -1);
  return body + formatOffset(offset);
}

/** Calendar date ("YYYY-MM-DD") of an instant in `zone`. */
export function dateInZone(epochMs: number, zone: string): string {
  return new Date(epochMs + zoneOffsetMs(zone, epochMs)).toISOString().slice(0, 10);
}
