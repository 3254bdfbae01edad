/** ANSI styling for the text reporter: real SGR codes when color is on, identity functions when off. */

/** Wraps text in one style; the identity when color is off. */
export type Paint = (text: string) => string;

/** The few styles the text reporter uses. */
export interface Style {
  red: Paint;
  yellow: Paint;
  green: Paint;
  dim: Paint;
  bold: Paint;
  underline: Paint;
}

// Each style closes with its own reset code (not `0`) so styles can nest without cancelling each other.
const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`;

const plain: Paint = (text) => text;

/** The SGR parameters the reporter may emit; tests use it to tell our escapes from injected ones. */
export const SGR_CODES: readonly number[] = [1, 2, 4, 22, 24, 31, 32, 33, 39];

/** Returns the styles, as ANSI escapes when `color` is true and as plain text otherwise. */
export function createStyle(color: boolean): Style {
  if (!color) {
    return { red: plain, yellow: plain, green: plain, dim: plain, bold: plain, underline: plain };
  }
  return {
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    green: sgr(32, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
    underline: sgr(4, 24),
  };
}
