/** Small pure helpers of the benchmarks: medians, ratios, budgets and table formatting. */

/** The median of the values (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** median(ours) / median(peer): the figure the synth budget is stated in. */
export function ratioOfMedians(ours: readonly number[], peer: readonly number[]): number {
  return median(ours) / median(peer);
}

/** A figure beside its budget. */
export interface Figure {
  readonly section: string;
  readonly name: string;
  /** The measured value, formatted. */
  readonly value: string;
  /** The budget in words, e.g. `<= 1.15`; empty for a figure shown for comparison only. */
  readonly budget: string;
  /** PASS / over, or `-` for a comparison figure. */
  readonly verdict: 'PASS' | 'over' | '-';
}

/** The verdict of a figure against a budget predicate. */
export function verdict(pass: boolean): 'PASS' | 'over' {
  return pass ? 'PASS' : 'over';
}

/** A Markdown table (also readable as plain text) of the given rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Cognito operations that only read; every other operation counts as a write. */
export function isWriteOperation(operation: string): boolean {
  return !/^(Admin)?(Get|List|Describe)/.test(operation);
}
