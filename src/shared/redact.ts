/** Removes secrets (URL passwords, `password=…`-style values) from repository text before it can reach a report. */

/** What a removed secret is replaced with. */
export const REDACTED = '***';

/** Characters that end a URL's authority: a userinfo `@` must come before any of them. */
const AUTHORITY_END = new Set(['/', '?', '#', ' ', '\t', '\n', '\r', '"', "'", '`', '<', '>']);
/** Longest authority scanned; real userinfo is short, and the bound keeps the scan linear on hostile text. */
const MAX_AUTHORITY = 512;

// Key names that announce a secret, then `=` or `:`, then the value (quoted or bare). Every repetition is bounded
// and no two adjacent parts can match the same text, so the regex stays linear on adversarial input (no ReDoS).
const SECRET_ASSIGNMENT =
  /((?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[\w.-]{0,64}["']?[ \t]{0,8}[:=][ \t]{0,8})("[^"\n]{0,512}"|'[^'\n]{0,512}'|[^\s"',;&)}\]]{1,512})/gi;

/**
 * Returns `text` with secrets replaced by `***`: the password of every `scheme://user:password@host` URL, and the
 * value after a secret-looking key (`DB_PASSWORD=…`, `apiKey: "…"`, `?token=…`). Linear time in `text.length`.
 * Apply it to every repository string that may reach output (evidence snippets, error messages).
 */
export function redactSecrets(text: string): string {
  return redactAssignments(redactUrlPasswords(text));
}

/** `postgres://app:hunter2@db/x` → `postgres://app:***@db/x`. A plain scan, so no regex backtracking at all. */
export function redactUrlPasswords(text: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  for (let marker = text.indexOf('://', from); marker !== -1; marker = text.indexOf('://', from)) {
    const start = marker + 3;
    let at = -1;
    let colon = -1;
    let i = start;
    // Stops at the next authority end, and never scans past the next `://`, so every character is visited O(1) times.
    for (; i < text.length && i - start < MAX_AUTHORITY; i++) {
      const char = text[i] ?? '';
      if (AUTHORITY_END.has(char)) break;
      if (char === '@') at = i;
      else if (char === ':' && at === -1 && colon === -1) colon = i;
    }
    if (at !== -1 && colon !== -1 && colon < at) {
      out += `${text.slice(copied, colon + 1)}${REDACTED}`;
      copied = at;
    }
    from = Math.max(i, start);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function redactAssignments(text: string): string {
  return text.replace(SECRET_ASSIGNMENT, (_match, key: string, value: string) => {
    const quote = value.startsWith('"') || value.startsWith("'") ? value[0] ?? '' : '';
    // An env reference is not a secret, and hiding it would hide where the value comes from.
    if (/^["']?\$\{?\w{1,128}\}?["']?$/.test(value) || /^["']?process\.env\b/.test(value)) return `${key}${value}`;
    return `${key}${quote}${REDACTED}${quote}`;
  });
}
