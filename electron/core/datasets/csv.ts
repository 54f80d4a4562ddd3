/**
 * RFC 4180 CSV in both directions. Writing guards against formula injection (a spreadsheet runs a
 * text cell starting with = + - @ tab or CR, so such cells get a leading apostrophe) but leaves
 * plain numbers alone, so "-12.50" stays a number. Reading reports the line each record starts on.
 */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parse a whole CSV text; a BOM is ignored, blank lines are skipped, CRLF and LF both end records. */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let inQuotes = false;
  let quotedField = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !quotedField)) out.push({ line: start, fields });
    fields = [];
    field = '';
    quotedField = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '')
        throw new CsvSyntaxError(
          line,
          `a quote appears inside an unquoted value ("${field}"); quote the whole value and double inner quotes`,
        );
      inQuotes = true;
      quotedField = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      if (quotedField)
        throw new CsvSyntaxError(line, 'text follows a closing quote; put a comma after the quoted value');
      field += c;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(start, 'a quoted value is never closed');
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return out;
}
