/** JSONC (tsconfig) to JSON: blanks comments and trailing commas in one linear pass, keeping every offset. */

const SPACE = ' ';

/**
 * Returns `text` with `//` and `/* *\/` comments and trailing commas replaced by spaces. Line breaks
 * inside comments are kept, so line/column positions in the result are those of the original text
 * and JSON.parse error positions can be reported as-is. Strings are copied untouched.
 */
export function blankJsonc(text: string): string {
  const out: string[] = new Array<string>(text.length);
  // Index in `out` of the last comma not yet followed by a value; blanked if `}` or `]` comes next.
  let pendingComma = -1;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const next = text[i + 1];
    if (c === '"') {
      pendingComma = -1;
      const end = stringEnd(text, i);
      for (let k = i; k < end; k++) out[k] = text[k] ?? '';
      i = end;
      continue;
    }
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') out[i++] = SPACE;
      continue;
    }
    if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      for (; i < end; i++) out[i] = keepBreak(text[i] ?? '');
      continue;
    }
    if (c === '}' || c === ']') {
      if (pendingComma >= 0) out[pendingComma] = SPACE;
      pendingComma = -1;
    } else if (c === ',') {
      pendingComma = i;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      pendingComma = -1;
    }
    out[i] = c;
    i++;
  }
  return out.join('');
}

/** Index just past the JSON string opening at `start`; an unterminated string runs to the line end. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '\n') return i;
    else i++;
  }
  return Math.min(i, text.length);
}

function keepBreak(c: string): string {
  return c === '\n' || c === '\r' ? c : SPACE;
}
