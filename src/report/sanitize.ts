/** Makes repository-sourced text safe to print on a terminal: no escape sequences, no control characters, no secrets. */
import { stripEscapeSequences } from '../shared/escapes.js';
import { redactSecrets } from '../shared/redact.js';

/** Line breaks become one space so a value cannot forge lines of the report. */
const LINE_BREAKS = /(?:\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029])+/g;
/** Everything else that is invisible or reorders text: C0, DEL, C1, and bidi overrides (Trojan Source). */
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Returns `text` without terminal escape sequences or control characters, line breaks folded to a space and tabs
 * to a space, and secrets (URL passwords, `password=…` values) replaced by `***`. Apply it to every string that
 * came from the analyzed repository before it reaches a terminal.
 */
export function sanitize(text: string): string {
  const clean = stripEscapeSequences(text)
    .replace(LINE_BREAKS, ' ')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '');
  // Last line of defense: extractors already redact snippets and messages, but a secret must never reach a log.
  return redactSecrets(clean);
}
