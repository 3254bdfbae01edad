/** Dockerfile text → logical instructions: directives, `\` continuations, comments and heredoc bodies handled. */
import { isBlank } from './chars.js';

/** One instruction: keyword, argument text, and the file offset of every argument character. */
export interface Instruction {
  keyword: string;
  args: string;
  /** `argOffsets[i]` is the file offset of `args[i]`, so evidence points at the physical line. */
  argOffsets: number[];
  /** File offset of the keyword. */
  offset: number;
  /** The escape character (`\\`, or a backtick set by the `escape` parser directive). */
  escape: string;
}

/** Heredoc terminator: `<<EOF` / `<<-EOF` (leading tabs stripped before comparing). */
interface Heredoc {
  word: string;
  stripTabs: boolean;
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** Reads the escape character from leading parser directives (`# escape=\``); `\` by default. */
function escapeChar(physical: { text: string }[]): string {
  for (const { text } of physical) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('#')) break;
    const eq = trimmed.indexOf('=');
    if (eq < 0) break;
    const key = trimmed.slice(1, eq).trim().toLowerCase();
    // A directive key is one word; anything else is an ordinary comment, which ends the directives.
    if (key === '' || key.includes(' ')) break;
    const value = trimmed.slice(eq + 1).trim();
    if (key === 'escape' && (value === '`' || value === '\\')) return value;
  }
  return '\\';
}

/** Splits text into lines with their start offsets, dropping CRs of CRLF endings. */
function physicalLines(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const newline = text.indexOf('\n', pos);
    const end = newline < 0 ? text.length : newline;
    const content = text.slice(pos, end);
    out.push({ text: content.endsWith('\r') ? content.slice(0, -1) : content, offset: pos });
    if (newline < 0) break;
    pos = newline + 1;
  }
  return out;
}

/** Heredoc terminators opened by an instruction's arguments, in order. Linear scan, no regex. */
function heredocsIn(args: string): Heredoc[] {
  const out: Heredoc[] = [];
  let i = args.indexOf('<<');
  while (i >= 0) {
    let k = i + 2;
    const stripTabs = args[k] === '-';
    if (stripTabs) k++;
    const quote = args[k] === '"' || args[k] === "'" ? args[k] : '';
    if (quote !== '') k++;
    const start = k;
    while (k < args.length && isWordChar(args.charCodeAt(k))) k++;
    if (k > start && (quote === '' || args[k] === quote)) out.push({ word: args.slice(start, k), stripTabs });
    i = args.indexOf('<<', Math.max(k, i + 2));
  }
  return out;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Parses a Dockerfile into instructions (all stages). Never throws on odd input. */
export function readInstructions(text: string): Instruction[] {
  const physical = physicalLines(text);
  const escape = escapeChar(physical);
  const out: Instruction[] = [];
  let args = '';
  let argOffsets: number[] = [];
  let keyword = '';
  let keywordOffset = -1;
  let heredocs: Heredoc[] = [];
  for (const line of physical) {
    const head = heredocs[0];
    if (head !== undefined) {
      const body = head.stripTabs ? line.text.replace(/^\t+/, '') : line.text;
      if (body === head.word) heredocs.shift();
      continue;
    }
    const trimmed = line.text.trim();
    // Comments and blank lines are dropped everywhere, including inside continuations (as docker does).
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    let start = 0;
    if (keywordOffset < 0) {
      start = line.text.length - line.text.trimStart().length;
      let end = start;
      while (end < line.text.length && !isBlank(line.text[end])) end++;
      keyword = line.text.slice(start, end).toUpperCase();
      keywordOffset = line.offset + start;
      start = end;
    }
    let content = line.text.slice(start);
    const body = content.trimEnd();
    const continued = body.endsWith(escape);
    if (continued) content = body.slice(0, -1);
    for (let k = 0; k < content.length; k++) argOffsets.push(line.offset + start + k);
    args += content;
    if (continued) continue;
    out.push({ keyword, args, argOffsets, offset: keywordOffset, escape });
    if (HEREDOC_KEYWORDS.has(keyword)) heredocs = heredocsIn(args);
    args = '';
    argOffsets = [];
    keywordOffset = -1;
  }
  if (keywordOffset >= 0) out.push({ keyword, args, argOffsets, offset: keywordOffset, escape });
  return out;
}

