/** Diff helpers: every onUpdate builds its change map from these. */

export interface ListDiff<T> {
  readonly added: T[];
  readonly removed: T[];
}

/** Items in `next` but not in `prev` are added; items in `prev` but not in `next` removed. */
export function diffList<T>(prev: readonly T[], next: readonly T[], key: (item: T) => string = (i) => String(i)): ListDiff<T> {
  const prevKeys = new Set(prev.map(key));
  const nextKeys = new Set(next.map(key));
  return {
    added: dedupe(next.filter((i) => !prevKeys.has(key(i))), key),
    removed: dedupe(prev.filter((i) => !nextKeys.has(key(i))), key),
  };
}

export interface MapDiff {
  /** Keys added or whose value changed, with their new value. */
  readonly set: { [key: string]: string };
  /** Keys present before and absent now. */
  readonly removed: string[];
}

export function diffMap(prev: { [key: string]: string }, next: { [key: string]: string }): MapDiff {
  const set: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(next)) {
    if (prev[k] !== v) set[k] = v;
  }
  const removed = Object.keys(prev).filter((k) => !(k in next));
  return { set, removed };
}

/** Deep equality for parsed property values (plain JSON data). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as any)[k])]));
  }
  return v;
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = key(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
