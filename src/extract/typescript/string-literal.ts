/** Decodes the source text of a JavaScript string literal (or a template without substitutions). */

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/**
 * The value of a quoted literal as written in source (`'./x'`, `"./x"`, `` `./x` ``), or null when `raw` is not
 * one (a template with `${…}`, a concatenation, a call). The parser has already validated the syntax.
 */
export function decodeStringLiteral(raw: string): string | null {
  const quote = raw[0];
  if (raw.length < 2 || (quote !== "'" && quote !== '"' && quote !== '`') || raw[raw.length - 1] !== quote) return null;
  const body = raw.slice(1, -1);
  if (quote === '`' && body.includes('${')) return null;
  if (!body.includes('\\')) return body.includes(quote) ? null : body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      if (char === quote) return null; // an unescaped quote: `'a' + 'b'`, not one literal
      out += char;
      continue;
    }
    const next = body[++i] ?? '';
    if (next in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[next] ?? '';
    else if (next === 'x') {
      out += hexChar(body.slice(i + 1, i + 3));
      i += 2;
    } else if (next === 'u' && body[i + 1] === '{') {
      const close = body.indexOf('}', i);
      if (close < 0) return null;
      out += hexChar(body.slice(i + 2, close));
      i = close;
    } else if (next === 'u') {
      out += hexChar(body.slice(i + 1, i + 5));
      i += 4;
    } else if (next === '\r') {
      if (body[i + 1] === '\n') i++; // line continuation
    } else if (next !== '\n' && next !== '\u2028' && next !== '\u2029') {
      out += next;
    }
  }
  return out;
}

function hexChar(hex: string): string {
  const code = /^[\da-f]{1,6}$/i.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
  return Number.isNaN(code) || code > 0x10ffff ? '\uFFFD' : String.fromCodePoint(code);
}
