/** Makes repository-sourced text safe to print on a terminal: no escape sequences, no control characters. */

// Why whole sequences and not just the ESC byte: dropping only ESC would leave `[31m` litter in the output,
// and C1 introducers (U+009B CSI, U+009D OSC) act like ESC sequences on some terminals without any ESC at all.
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]/g;
/** OSC, DCS, SOS, PM, APC: string sequences closed by BEL or ST (ESC \ or U+009C). */
const STRING_SEQUENCE =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)/g;
/** Two-byte and nF escapes such as `ESC c` (reset) or `ESC ( B`. */
const SHORT_ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;
/** Line breaks become one space so a value cannot forge lines of the report. */
const LINE_BREAKS = /(?:\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029])+/g;
/** Everything else that is invisible or reorders text: C0, DEL, C1, and bidi overrides (Trojan Source). */
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Returns `text` without terminal escape sequences or control characters, line breaks folded to a space and tabs
 * to a space. Apply it to every string that came from the analyzed repository before it reaches a terminal.
 */
export function sanitize(text: string): string {
  return text
    .replace(STRING_SEQUENCE, '')
    .replace(CSI, '')
    .replace(SHORT_ESCAPE, '')
    .replace(LINE_BREAKS, ' ')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '');
}
