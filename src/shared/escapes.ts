/** Removes whole terminal escape sequences (not just the ESC byte) from repository text. */

// Why whole sequences and not just the ESC byte: dropping only ESC would leave `[31m` litter in the output,
// and C1 introducers (U+009B CSI, U+009D OSC) act like ESC sequences on some terminals without any ESC at all.
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]/g;
/**
 * OSC, DCS, SOS, PM, APC: string sequences closed by BEL or ST (ESC \ or U+009C). The body excludes every
 * introducer, so an unclosed sequence stops at the next one instead of rescanning to the end (quadratic).
 */
const STRING_SEQUENCE =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u0090\u0098\u009c-\u009f]*(?:\u0007|\u001b\\|\u009c)/g;
/** Two-byte and nF escapes such as `ESC c` (reset) or `ESC ( B`. */
const SHORT_ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;

/**
 * Returns `text` without CSI, OSC/DCS/SOS/PM/APC and short escape sequences. Lone control characters are left for
 * the caller to replace as it sees fit. Each pattern's repeated parts exclude what follows them, so it is linear.
 */
export function stripEscapeSequences(text: string): string {
  return text.replace(STRING_SEQUENCE, '').replace(CSI, '').replace(SHORT_ESCAPE, '');
}
