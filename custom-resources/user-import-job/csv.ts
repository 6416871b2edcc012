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
