/** JSON parsing with located errors that never quote the file (JSON manifests may hold secrets). */
import type { AnalysisError } from '../../types/index.js';
import type { LineIndex } from '../shared/lines.js';
import { locateJsonError } from './json-locate.js';
import { extractError } from './report.js';

/** Outcome of {@link parseJsonLocated}. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; error: AnalysisError };

// `at position N` is what V8 (Node 20) appends to most JSON.parse messages; bounded, no nested quantifiers.
const POSITION = /at position (\d{1,12})/;

/**
 * Parses JSON; on failure returns an `invalid-json` error located from the JSON.parse position
 * (or, for messages without one, from a linear scan). A trailing comma is reported on the comma's
 * own line, not on the closing bracket that V8 complains about.
 */
export function parseJsonLocated(file: string, text: string, lines: LineIndex, what: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : '';
    const match = POSITION.exec(message);
    const offset = Math.max(0, match?.[1] !== undefined ? Number(match[1]) : locateJsonError(text));
    const { at, reason } = explain(text, offset);
    return {
      ok: false,
      error: extractError(file, 'invalid-json', `${what} is not valid JSON: ${reason}.`, lines.position(at)),
    };
  }
}

/** Names the mistake at `offset` without quoting the text; moves trailing-comma errors onto the comma. */
function explain(text: string, offset: number): { at: number; reason: string } {
  if (offset >= text.length) return { at: text.length, reason: 'unexpected end of input' };
  const c = text[offset];
  if (c === '}' || c === ']') {
    let i = offset - 1;
    while (i >= 0 && isJsonSpace(text.charCodeAt(i))) i--;
    if (text[i] === ',') return { at: i, reason: `trailing comma before \`${c}\`` };
  }
  return { at: offset, reason: 'unexpected character' };
}

/** JSON whitespace: space, tab, line feed, carriage return. */
export function isJsonSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
