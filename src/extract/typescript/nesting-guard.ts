/**
 * Pre-parse guard: oxc-parser recurses on the native stack and kills the process (SIGSEGV, not catchable) on
 * deeply nested code (~6,000 nested parentheses, ~4,200 nested templates on an 8 MB stack; oxc issue #24375).
 * A linear lexer estimates the native stack the parse would need; top-level statements over the limit are
 * blanked out (offsets and line numbers kept) so the rest of the file is still parsed.
 */
import { NestingStack, TEMPLATE } from './nesting-stack.js';
import {
  CHAIN_KEYWORDS,
  CONTINUATION_WORDS,
  CONTROL_WORDS,
  EXPRESSION_BEFORE,
  WEIGHT,
  blank,
  isDigit,
  isIdentifierPart,
  isIdentifierStart,
  isLineBreak,
  regexEnd,
  stringEnd,
  isUnicodeEscape,
  templateTextEnd,
} from './nesting-lexer.js';

/** Estimated stack units (≈100 bytes each) allowed: about 2 MB, half a worker thread's default stack. */
export const MAX_NESTING_SCORE = 20_000;
// Largest weight one character can add; texts too short to reach the limit skip the scan.
const MAX_WEIGHT_PER_CHAR = 19;

/** The text to parse and where nesting first went over the limit. */
export interface GuardResult {
  /** The input, or the input with over-deep top-level statements replaced by spaces (newlines kept). */
  text: string;
  /** Offset where the estimate first exceeded {@link MAX_NESTING_SCORE}, else null. */
  tooDeepAt: number | null;
  /**
   * Offset of the first statement blanked for holding backslashes outside strings (invalid escapes), else null.
   * oxc reports each one with a code frame of its whole line, so thousands on one long line cost quadratic time
   * in native code that cannot be interrupted: after the first, statements holding one are blanked instead.
   */
  strayEscapeAt?: number;
}

/** Checks `text` before it goes to the native parser. */
export function guardNesting(text: string): GuardResult {
  if (text.length * MAX_WEIGHT_PER_CHAR <= MAX_NESTING_SCORE) return { text, tooDeepAt: null };
  return new Scanner(text).run();
}

/** Invalid escapes outside strings left for oxc to report; see {@link GuardResult.strayEscapeAt}. */
const MAX_STRAY_ESCAPES = 1;

// A JSX opening tag is a level of its own, closed by its `>`: attributes (`d="…"`) do not pile up across siblings.
const JSX_TAG = 62;

class Scanner {
  private pos = 0;
  private readonly stack = new NestingStack();
  /** The previous token ends an expression (so `/` divides and a newline may end the statement). */
  private prevEnd = false;
  /** `prevEnd` as it was before the current token (operators decide unary/binary, regex/division with it). */
  private endedBefore = false;
  private afterDot = false;
  private controlWord = false;
  /** A newline or `}` was seen after an expression: a statement-starting token resets the chain. */
  private pending = false;
  private statementStart = 0;
  private skipFrom: number | null = null;
  private readonly blanks: [number, number][] = [];
  private tooDeepAt: number | null = null;
  private strayEscapes = 0;
  private strayEscapeAt: number | undefined;

  constructor(private readonly text: string) {}

  run(): GuardResult {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
        if (this.prevEnd) this.pending = true;
        this.pos++;
      } else if (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) {
        this.pos++;
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 47) {
        while (this.pos < text.length && !isLineBreak(text.charCodeAt(this.pos))) this.pos++;
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 42) {
        const end = text.indexOf('*/', this.pos + 2);
        const stop = end < 0 ? text.length : end + 2;
        if (this.prevEnd && /[\n\r\u2028\u2029]/.test(text.slice(this.pos, stop))) this.pending = true;
        this.pos = stop;
      } else {
        this.token(c);
      }
    }
    if (this.skipFrom !== null) this.endSkip(text.length);
    const out: GuardResult = { text: this.blanks.length === 0 ? text : blank(text, this.blanks), tooDeepAt: this.tooDeepAt };
    if (this.strayEscapeAt !== undefined) out.strayEscapeAt = this.strayEscapeAt;
    return out;
  }

  private token(c: number): void {
    const start = this.pos;
    if (isIdentifierStart(c)) this.word(start);
    else this.punctuation(c, start);
    if (this.stack.score > MAX_NESTING_SCORE && this.skipFrom === null) {
      this.tooDeepAt ??= start;
      this.skipFrom = this.statementStart;
    }
  }

  private punctuation(c: number, start: number): void {
    const isNumber = (c >= 48 && c <= 57) || (c === 46 && isDigit(this.text.charCodeAt(start + 1)));
    const startsStatement = isNumber || c === 39 || c === 34 || c === 64 || c === 123;
    this.beginToken(startsStatement, start);
    this.afterDot = false;
    if (isNumber) {
      while (this.pos < this.text.length && (isIdentifierPart(this.text.charCodeAt(this.pos)) || this.text.charCodeAt(this.pos) === 46)) this.pos++;
      this.prevEnd = true;
      return;
    }
    this.pos++;
    this.prevEnd = false;
    switch (c) {
      case 39:
      case 34:
        this.pos = stringEnd(this.text, this.pos, c);
        this.prevEnd = true;
        return;
      case 96:
        this.skipTemplate();
        return;
      case 40:
      case 91:
      case 123: {
        const closer = c === 40 ? 41 : c === 91 ? 93 : 125;
        this.stack.push(closer, c === 91 ? WEIGHT.bracket : WEIGHT.paren, c === 40 && this.controlWord);
        this.controlWord = false;
        return;
      }
      case 41:
      case 93:
      case 125:
        this.close(c);
        return;
      case 59:
        this.stack.resetChain();
        if (this.stack.atTopLevel) this.statementBreak(this.pos);
        return;
      case 44:
        this.stack.resetChain();
        return;
      default:
        this.operator(c);
    }
  }

  private operator(c: number): void {
    const next = this.text.charCodeAt(this.pos);
    const previous = this.text.charCodeAt(this.pos - 2);
    switch (c) {
      case 63: // ?  (`?.` and `??` do not nest)
        if ((next === 46 && !isDigit(this.text.charCodeAt(this.pos + 1))) || next === 63) this.pos++;
        else this.stack.addChain(WEIGHT.conditional);
        return;
      case 61: // =  (`==`, `<=`, `!=` compare; `=>`, `=`, `+=` nest to the right)
        if (next === 62) {
          this.pos++;
          this.stack.addChain(WEIGHT.assignment);
        } else if (next === 61) this.pos++;
        else if (previous !== 61 && previous !== 33 && previous !== 60 && previous !== 62) this.stack.addChain(WEIGHT.assignment);
        return;
      case 58: // :  (labels, ternary alternates, type annotations)
        this.stack.addChain(WEIGHT.colon);
        return;
      case 60: // <  (generics after a name; JSX tags otherwise)
        if (next === 61 || next === 60) this.pos++;
        else if (next === 47) this.stack.subtractChain(WEIGHT.jsx);
        else if (this.endedBefore) this.stack.addChain(WEIGHT.generic);
        else if (next === 62) {
          this.pos++;
          this.stack.addChain(WEIGHT.jsx);
        } else if (isIdentifierStart(next)) this.stack.push(JSX_TAG, WEIGHT.jsx, false);
        return;
      case 62: // >  (ends a JSX opening tag, whose children nest one level deeper)
        if (this.stack.innermost === JSX_TAG) {
          this.stack.close(JSX_TAG);
          this.stack.addChain(WEIGHT.jsx);
        }
        return;
      case 47: // /  (regex unless it divides; `/>` ends a self-closing JSX tag)
        if (next === 62) {
          this.pos++;
          if (this.stack.innermost === JSX_TAG) this.stack.close(JSX_TAG);
          else this.stack.subtractChain(WEIGHT.jsx);
        } else if (!this.endedBefore) {
          this.pos = regexEnd(this.text, this.pos);
          this.prevEnd = true;
        }
        return;
      case 33:
      case 126:
        if (!(c === 33 && next === 61)) this.stack.addChain(WEIGHT.unary);
        return;
      case 43:
      case 45:
        if (next === c) this.pos++;
        else if (!this.endedBefore) this.stack.addChain(WEIGHT.unary);
        return;
      case 42:
        if (next === 42) {
          this.pos++;
          this.stack.addChain(WEIGHT.power);
        }
        return;
      case 46:
        if (next === 46) this.pos += 2;
        else {
          this.afterDot = true;
          this.stack.addChain(WEIGHT.member);
        }
        return;
      case 64: // @  (a decorator of a decorator nests; `@a @b` side by side does not)
        if (next === 64) this.stack.addChain(WEIGHT.decorator);
        return;
      default:
        return;
    }
  }

  private beginToken(startsStatement: boolean, start: number): void {
    this.endedBefore = this.prevEnd;
    if (this.pending && startsStatement) {
      this.stack.resetChain();
      if (this.stack.atTopLevel) this.statementBreak(start);
    }
    this.pending = false;
  }

  private word(start: number): void {
    const { text } = this;
    let end = start;
    while (end < text.length && isIdentifierPart(text.charCodeAt(end))) {
      if (text.charCodeAt(end) === 92 && !isUnicodeEscape(text, end)) this.strayEscape(start);
      end += text.charCodeAt(end) === 92 ? 2 : 1;
    }
    // Keywords are short; a long identifier is never one (and is not copied).
    const word = end - start <= 12 ? text.slice(start, end) : '';
    const isProperty = this.afterDot;
    this.afterDot = false;
    this.beginToken(isProperty || !CONTINUATION_WORDS.has(word), start);
    this.pos = end;
    this.controlWord = false;
    if (isProperty) {
      this.prevEnd = true;
      return;
    }
    if (word === 'case' || word === 'default') this.stack.resetChain();
    const weight = CHAIN_KEYWORDS.get(word);
    if (weight !== undefined) this.stack.addChain(weight);
    this.controlWord = CONTROL_WORDS.has(word);
    this.prevEnd = !EXPRESSION_BEFORE.has(word);
  }

  /** From inside a template (after `` ` `` or after the `}` of `${…}`) to its end or its next `${`. */
  private skipTemplate(): void {
    const end = templateTextEnd(this.text, this.pos);
    if (this.text.charCodeAt(end) === 96) {
      this.pos = end + 1;
      this.prevEnd = true;
    } else {
      this.pos = Math.min(end + 2, this.text.length);
      if (end < this.text.length) this.stack.push(TEMPLATE, WEIGHT.template, false);
      this.prevEnd = false;
    }
  }

  private close(c: number): void {
    if (c === 125 && this.stack.innermost === TEMPLATE) {
      this.stack.close(TEMPLATE);
      this.skipTemplate();
      return;
    }
    const closed = this.stack.close(c);
    // After an `if (…)` header the body may follow on the next line: that newline does not end a statement.
    this.prevEnd = closed?.control !== true;
    if (closed && c === 125) this.pending = true;
  }

  /** A backslash outside strings that starts no `\uXXXX`/`\u{…}`: the first is left to oxc, later ones blanked. */
  private strayEscape(wordStart: number): void {
    this.strayEscapes++;
    if (this.strayEscapes <= MAX_STRAY_ESCAPES || this.skipFrom !== null) return;
    this.strayEscapeAt ??= wordStart;
    this.skipFrom = this.statementStart;
  }

  /** A top-level statement starts at `offset`: ends a skip in progress. */
  private statementBreak(offset: number): void {
    if (this.skipFrom !== null) this.endSkip(offset);
    this.statementStart = offset;
  }

  private endSkip(offset: number): void {
    if (this.skipFrom !== null) this.blanks.push([this.skipFrom, offset]);
    this.skipFrom = null;
  }
}
