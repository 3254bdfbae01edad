/** Removes secrets (URL passwords, `password=…`-style values) from repository text before it can reach a report. */

/** What a removed secret is replaced with. */
export const REDACTED = '***';

/** Characters that end a URL for good. */
const HARD_END = new Set([' ', '\t', '\n', '\r', '"', "'", '`', '<', '>']);
/** Characters that end a well-formed authority, but may sit unencoded inside a password. */
const SOFT_END = new Set(['/', '?', '#']);
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

/**
 * `postgres://app:hunter2@db/x` → `postgres://app:***@db/x`. A plain scan, so no regex backtracking at all.
 * Generated passwords may hold an unencoded `/`, `?` or `#` (`app:abc/Def9@db`): after `user:`, the password runs
 * to the last `@` before whitespace or a quote, unless what follows the colon up to the `/` is a port.
 */
export function redactUrlPasswords(text: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  for (let marker = text.indexOf('://', from); marker !== -1; marker = text.indexOf('://', from)) {
    const start = marker + 3;
    let at = -1;
    let lastAt = -1;
    let colon = -1;
    let softEnd = -1;
    let i = start;
    // Stops at a hard end (whitespace, quotes) or the next `://`, so every character is visited O(1) times.
    for (; i < text.length && i - start < MAX_AUTHORITY; i++) {
      const char = text[i] ?? '';
      if (HARD_END.has(char) || (char === ':' && text.startsWith('//', i + 1))) break;
      if (SOFT_END.has(char) && softEnd === -1) softEnd = i;
      if (char === '@') {
        lastAt = i;
        if (softEnd === -1) at = i;
      } else if (char === ':' && softEnd === -1 && at === -1 && colon === -1) colon = i;
    }
    const port = colon !== -1 && softEnd !== -1 && /^\d*$/.test(text.slice(colon + 1, softEnd));
    // Past a `/?#`, an `@` may still end the password (`t:S3cr@t#Pw@db`); masking a query's `@` too errs on the
    // safe side: a snippet loses part of a URL, never a secret.
    const end = colon !== -1 && !port && lastAt > colon ? lastAt : at;
    if (colon !== -1 && end > colon) {
      out += `${text.slice(copied, colon + 1)}${REDACTED}`;
      copied = end;
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
