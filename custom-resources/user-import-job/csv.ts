/** The CSV header check: the file's columns against GetCSVHeader's. */

/** The column names of the first line (quotes removed). */
export function csvColumns(csv: string): string[] {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return firstLine.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')).filter((c) => c !== '');
}

export interface HeaderMismatch {
  readonly missing: string[];
  readonly unknown: string[];
}

export function compareHeader(expected: readonly string[], actual: readonly string[]): HeaderMismatch {
  const want = new Set(expected);
  const have = new Set(actual);
  return {
    missing: expected.filter((c) => !have.has(c)),
    unknown: actual.filter((c) => !want.has(c)),
  };
}

/** One CSV record: its fields (unquoted) and its text as written (without the line break). */
export interface CsvRecord {
  readonly fields: string[];
  readonly raw: string;
}

/**
 * Splits CSV text into records (RFC 4180: quoted fields may hold commas, quotes as `""` and line
 * breaks). Blank lines are dropped; the first record is the header.
 */
export function parseCsv(text: string): { header: CsvRecord; rows: CsvRecord[] } {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  const endRecord = (end: number) => {
    fields.push(field);
    const raw = src.slice(start, end);
    if (raw.trim() !== '') records.push({ fields, raw });
    fields = [];
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      endRecord(i);
      if (c === '\r' && src[i + 1] === '\n') i++;
      start = i + 1;
    } else {
      field += c;
    }
  }
  if (start < src.length) endRecord(src.length);
  const [header, ...rows] = records;
  return { header: header ?? { fields: [], raw: '' }, rows };
}
