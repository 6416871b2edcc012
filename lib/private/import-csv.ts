/**
 * Reads a user import CSV at synth, to refuse rows Cognito cannot import before the deployment.
 * Fields are split as the import job's handler splits them (RFC 4180 quoting), and a comma
 * escaped with a backslash (`\,`, the escape Cognito's guide documents) stays in its field.
 */

/** The standard columns of GetCSVHeader, in its order; a pool's custom attributes follow. */
export const STANDARD_IMPORT_COLUMNS = [
  'profile', 'address', 'birthdate', 'gender', 'preferred_username', 'updated_at', 'website', 'picture', 'phone_number',
  'phone_number_verified', 'zoneinfo', 'locale', 'email', 'email_verified', 'given_name', 'family_name', 'middle_name',
  'name', 'nickname', 'cognito:mfa_enabled', 'cognito:username',
];

/** A field as the import CSV writes it: quoted when it holds a quote, a comma or a line break. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record of the file: its fields, the line it starts on (1-based) and its text as written. */
export interface CsvLine {
  readonly fields: string[];
  readonly line: number;
  /** The record's text without its line break (what the import job's handler uploads). */
  readonly raw: string;
}

export function readCsvLines(text: string): CsvLine[] {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvLine[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let blank = true;
  let start = 0;
  const end = (at: number) => {
    fields.push(field);
    if (!blank) records.push({ fields, line: startLine, raw: src.slice(start, at) });
    fields = [];
    field = '';
    blank = true;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      quoted = true;
      blank = false;
    } else if (c === '\\' && src[i + 1] === ',') {
      field += ',';
      blank = false;
      i++;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      blank = false;
    } else if (c === '\n' || c === '\r') {
      end(i);
      if (c === '\r' && src[i + 1] === '\n') { i++; line++; }
      startLine = line;
      start = i + 1;
    } else {
      field += c;
      if (c.trim() !== '') blank = false;
    }
  }
  end(src.length);
  return records;
}
