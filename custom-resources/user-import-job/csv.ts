/** The CSV header check: the file's columns against GetCSVHeader's. */
import { CsvLine, readCsvLines } from '../../lib/private/import-csv';

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
export type CsvRecord = Pick<CsvLine, 'fields' | 'raw'>;

/**
 * Splits CSV text into the header and the rows, with the parser the constructs check the file
 * with at synth (RFC 4180 quoting, Cognito's `\,` escape); blank lines are dropped.
 */
export function parseCsv(text: string): { header: CsvRecord; rows: CsvRecord[] } {
  const [header, ...rows] = readCsvLines(text);
  return { header: header ?? { fields: [], raw: '' }, rows };
}
