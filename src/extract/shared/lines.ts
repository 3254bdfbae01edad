/** Offset → line/column mapping and evidence snippets, shared by every extractor. */
import { stripEscapeSequences } from '../../shared/escapes.js';
import { redactSecrets } from '../../shared/redact.js';
import type { Evidence } from '../../types/index.js';

const MAX_SNIPPET = 200;

/** Line starts of a text, computed once per file; lookups are a binary search. */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.starts = starts;
  }

  /** 1-based line and column of a UTF-16 offset. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  /** The trimmed text of a 1-based line, cut to a readable length, control characters removed. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    const raw = this.text.slice(start, next === undefined ? undefined : next - 1);
    return cleanSnippet(raw);
  }

  /** Evidence for an offset in `file`. */
  evidence(file: string, offset: number): Evidence {
    const { line, column } = this.position(offset);
    return { file, line, column, snippet: this.lineText(line) };
  }

  /** Evidence for a 1-based line in `file`. */
  evidenceAtLine(file: string, line: number): Evidence {
    return { file, line, snippet: this.lineText(line) };
  }
}

/** Trim, drop escape sequences and control characters (nothing for a terminal to run), hide secrets, cap the length. */
export function cleanSnippet(raw: string): string {
  // Cut before the work: a 5 MB minified line must not be scanned whole for a 200-character snippet. The margin
  // lets redaction see a whole `password=…` that straddles the cut.
  const bounded = raw.length > MAX_SNIPPET * 4 ? raw.slice(0, MAX_SNIPPET * 4) : raw;
  // eslint-disable-next-line no-control-regex
  const cleaned = redactSecrets(stripEscapeSequences(bounded).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim());
  return cleaned.length > MAX_SNIPPET ? `${cleaned.slice(0, MAX_SNIPPET - 1)}…` : cleaned;
}
