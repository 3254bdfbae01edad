/** Error construction, crash containment and small `unknown` type guards shared by the manifest extractors. */
import type { AnalysisError, ExtractOutput } from '../../types/index.js';

/** Builds an `extract`-stage error; `at` carries the 1-based position when known. */
export function extractError(
  file: string,
  code: string,
  message: string,
  at?: { line: number; column?: number },
): AnalysisError {
  const error: AnalysisError = { file, stage: 'extract', code, message };
  if (at !== undefined) {
    error.line = at.line;
    if (at.column !== undefined) error.column = at.column;
  }
  return error;
}

/**
 * Runs an extractor body so that `extract` never throws: an internal failure becomes one
 * `extractor-failure` error. The thrown message is not echoed because it may quote file content.
 */
export function guarded(id: string, file: string, body: () => ExtractOutput): ExtractOutput {
  try {
    return body();
  } catch (error: unknown) {
    const kind = error instanceof Error ? error.name : 'unknown error';
    return {
      facts: [],
      errors: [extractError(file, 'extractor-failure', `The ${id} extractor failed on this file (${kind}).`)],
    };
  }
}

/** Plain-object guard for parsed JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The strings of an array, other items dropped; `[]` when not an array. */
export function stringItems(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) if (typeof item === 'string') out.push(item);
  return out;
}

/** Parses a whole decimal integer (`"3000"`), or null. Written as a scanner to stay linear. */
export function parseDecimal(text: string): number | null {
  if (text.length === 0 || text.length > 9) return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(text);
}

/** Whether `n` is a valid TCP/UDP port number. */
export function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** The largest number of ports one range (`9000-9100`) expands to; the rest is reported, not expanded. */
export const MAX_PORT_RANGE = 100;

/**
 * Sets an own enumerable property, even for keys such as `__proto__` that plain assignment would
 * treat specially; manifest keys are untrusted text.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
