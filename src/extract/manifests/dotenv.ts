/** `.env`-style files → EnvFileFact: KEY=VALUE lines with quotes, comments, `export` and multi-line values. */
import { isBlank } from './chars.js';
import type { EnvEntry, EnvFileFact, Extractor, ExtractOutput, SourceFile } from '../../types/index.js';
import type { AnalysisError } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { baseName, dirOf } from './paths.js';
import { extractError, guarded } from './report.js';

const ID = 'dotenv';

// `.env.ts`, `.env.json`, … are code or config about env files, not env files.
const NOT_DOTENV = ['.ts', '.js', '.mjs', '.cjs', '.json', '.yml', '.yaml', '.md', '.sh', '.txt'];

/** Whether a path names a dotenv file: `.env`, `.env.<stage>`, `<name>.env`. */
export function isDotenvPath(path: string): boolean {
  const base = baseName(path);
  if (base === '.env' || (base.endsWith('.env') && base.length > 4)) return true;
  return base.startsWith('.env.') && !NOT_DOTENV.some((ext) => base.endsWith(ext));
}


function isKeyChar(code: number): boolean {
  const alphanumeric = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  // `_`, `.` and `-`: dotenv accepts all three in names.
  return alphanumeric || code === 95 || code === 46 || code === 45;
}

/** Parses dotenv text. Bad lines become `invalid-env-line` errors that never quote the line. */
export function parseDotenv(
  file: string,
  text: string,
  lines: LineIndex,
): { entries: EnvEntry[]; errors: AnalysisError[] } {
  const entries: EnvEntry[] = [];
  const errors: AnalysisError[] = [];
  const fail = (offset: number, reason: string): void => {
    errors.push(extractError(file, 'invalid-env-line', `${reason}; the line was skipped.`, lines.position(offset)));
  };
  let pos = 0;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 ? text.length : newline;
    // Content end: drop the `\r` of a CRLF line ending.
    const end = text[lineEnd - 1] === '\r' && lineEnd > pos ? lineEnd - 1 : lineEnd;
    const lineStart = pos;
    pos = lineEnd + 1;
    let i = lineStart;
    while (i < end && isBlank(text[i])) i++;
    if (i >= end || text[i] === '#') continue;
    if (text.startsWith('export', i) && isBlank(text[i + 6])) {
      i += 6;
      while (i < end && isBlank(text[i])) i++;
    }
    const keyStart = i;
    while (i < end && isKeyChar(text.charCodeAt(i))) i++;
    const name = text.slice(keyStart, i);
    while (i < end && isBlank(text[i])) i++;
    if (name === '') {
      fail(lineStart, 'Line is not a KEY=value assignment');
      continue;
    }
    if (i >= end || text[i] === '#') {
      // A bare `KEY` (docker compose env_file): the value comes from the environment at run time.
      entries.push({ name, value: null, location: lines.evidence(file, keyStart) });
      continue;
    }
    const separator = text[i];
    if (!(separator === '=' || (separator === ':' && (i + 1 >= end || isBlank(text[i + 1]))))) {
      fail(lineStart, 'Line is not a KEY=value assignment');
      continue;
    }
    i++;
    while (i < end && isBlank(text[i])) i++;
    const quote = text[i];
    let value: string;
    if (quote === '"' || quote === "'" || quote === '`') {
      // Double-quoted values may span lines; the others end on their own line.
      const close = closingQuote(text, i + 1, quote, quote === '"' ? text.length : end);
      if (close < 0) {
        fail(lineStart, 'Quoted value is never closed');
        continue;
      }
      const raw = text.slice(i + 1, close).replaceAll('\r\n', '\n');
      value = quote === '"' ? unescapeDouble(raw) : raw;
      if (close >= end) {
        const after = text.indexOf('\n', close);
        pos = after < 0 ? text.length : after + 1;
      }
    } else {
      value = unquotedValue(text, i, end);
    }
    entries.push({ name, value, location: lines.evidence(file, keyStart) });
  }
  return { entries, errors };
}

/** Index of the closing `quote` in [from, limit) that is not escaped by a backslash, or -1. */
function closingQuote(text: string, from: number, quote: string, limit: number): number {
  let k = from;
  for (;;) {
    const found = text.indexOf(quote, k);
    if (found < 0 || found >= limit) return -1;
    let backslashes = 0;
    for (let b = found - 1; b >= from && text[b] === '\\'; b--) backslashes++;
    if (backslashes % 2 === 0) return found;
    k = found + 1;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Double-quote escapes as docker compose and dotenv read them; unknown escapes stay as written. */
function unescapeDouble(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    const next = raw[i + 1];
    const mapped = c === '\\' && next !== undefined ? ESCAPES[next] : undefined;
    if (mapped !== undefined) {
      out += mapped;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/** An unquoted value ends at a `#` that starts the value or follows a blank (an inline comment). */
function unquotedValue(text: string, start: number, end: number): string {
  let stop = end;
  for (let k = start; k < end; k++) {
    if (text[k] === '#' && (k === start || isBlank(text[k - 1]))) {
      stop = k;
      break;
    }
  }
  return text.slice(start, stop).trim();
}

function extractDotenv(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  const { entries, errors } = parseDotenv(file.path, file.text, lines);
  const fact: EnvFileFact = {
    kind: 'env-file',
    extractor: ID,
    location: lines.evidence(file.path, 0),
    dir: dirOf(file.path),
    entries,
  };
  return { facts: [fact], errors };
}

/** The dotenv extractor. */
export const dotenvExtractor: Extractor = {
  id: ID,
  matches: isDotenvPath,
  extract: (file) => guarded(ID, file.path, () => extractDotenv(file)),
};
