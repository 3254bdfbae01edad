/** Constant-folded values: what a URL, host or topic expression evaluates to, as far as static analysis can tell. */

/** One piece of a folded value. Concatenating the pieces in order gives the value. */
export type ValuePart =
  /** Text known exactly. */
  | { kind: 'literal'; value: string }
  /** `process.env.NAME`, optionally with a fallback (`?? 'x'`, `|| 'x'`). Resolved per service later. */
  | { kind: 'env'; name: string; fallback?: FoldedValue }
  /**
   * A binding imported from another module (`import { config } from './config'` then `config.orders.url`).
   * Resolved across files in the resolve stage through {@link ExportedValueFact}s.
   */
  | { kind: 'import'; specifier: string; name: string; path: string[] }
  /** Anything else (a function parameter, a call result). `text` is the source, at most 80 characters. */
  | { kind: 'unknown'; text: string };

/** A value as a sequence of parts. */
export interface FoldedValue {
  parts: ValuePart[];
}

/** A value exported by a module: a folded scalar or an object of them (config modules). */
export type ExportedValue =
  | { kind: 'scalar'; value: FoldedValue }
  | { kind: 'object'; properties: Record<string, ExportedValue> };
