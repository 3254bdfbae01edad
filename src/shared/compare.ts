/** Code-unit string order: deterministic on every machine, unlike `localeCompare`, which follows the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order of places: file (code-unit order), then line, then column (missing column first). */
export function compareLocations(
  a: { file: string; line: number; column?: number },
  b: { file: string; line: number; column?: number },
): number {
  return compareStrings(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0);
}

/** A copy of `record` with its keys in code-unit order; `fromEntries` keeps even a `__proto__` key as data. */
export function sortKeys<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)));
}
