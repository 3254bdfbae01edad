/** Linear JSON scanners: where the first syntax error is, and where a top-level key is written. */

const enum State {
  Value,
  ValueOrClose,
  Key,
  KeyOrClose,
  Colon,
  AfterValue,
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Index just past the string starting at `start` (a `"`), or `-1 - errorOffset` when malformed. */
function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code < 32) return -1 - i;
    if (code === 92) {
      const next = text[i + 1];
      if (next === undefined) return -1 - text.length;
      if (next === 'u') {
        for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(i + k))) return -1 - (i + k);
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(next)) return -1 - (i + 1);
      i += 2;
      continue;
    }
    i++;
  }
  return -1 - text.length;
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Index just past a number or literal starting at `start`, or `-1 - errorOffset`. */
function scanAtom(text: string, start: number): number {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, start)) return start + literal.length;
  }
  let i = start;
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else return -1 - i;
  if (text[i] === '.') {
    i++;
    if (!isDigit(text.charCodeAt(i))) return -1 - i;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text.charCodeAt(i))) return -1 - i;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * Offset of the first JSON syntax error in `text` (`text.length` for a premature end), or -1 when the
 * text is valid. A state machine with an explicit stack, so deep nesting cannot overflow the call stack.
 */
export function locateJsonError(text: string): number {
  const stack: string[] = [];
  let state = State.Value;
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (state === State.AfterValue && stack.length === 0) return i < text.length ? i : -1;
    if (i >= text.length) return text.length;
    const c = text[i];
    const top = stack[stack.length - 1];
    switch (state) {
      case State.Value:
      case State.ValueOrClose: {
        if (c === ']' && state === State.ValueOrClose) {
          stack.pop();
          i++;
          state = State.AfterValue;
        } else if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          state = c === '{' ? State.KeyOrClose : State.ValueOrClose;
        } else {
          const end = c === '"' ? scanString(text, i) : scanAtom(text, i);
          if (end < 0) return -1 - end;
          i = end;
          state = State.AfterValue;
        }
        break;
      }
      case State.Key:
      case State.KeyOrClose: {
        if (c === '}' && state === State.KeyOrClose) {
          stack.pop();
          i++;
          state = State.AfterValue;
          break;
        }
        if (c !== '"') return i;
        const end = scanString(text, i);
        if (end < 0) return -1 - end;
        i = end;
        state = State.Colon;
        break;
      }
      case State.Colon:
        if (c !== ':') return i;
        i++;
        state = State.Value;
        break;
      case State.AfterValue:
        if (c === ',') state = top === '{' ? State.Key : State.Value;
        else if ((c === '}' && top === '{') || (c === ']' && top === '[')) stack.pop();
        else return i;
        i++;
        break;
    }
  }
}

/**
 * Offset of the first top-level `"key"` of a JSON object text, or null. Assumes comment-free text
 * (run JSONC through the blanker first); tolerant of errors, it only tracks strings and depth.
 */
export function findTopLevelKey(text: string, key: string): number | null {
  let depth = 0;
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = scanString(text, i);
      const stop = end < 0 ? text.length : end;
      if (depth === 1 && expectKey && JSON.stringify(key) === text.slice(i, stop)) return i;
      expectKey = false;
      i = stop;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (c === '{' || c === ',') expectKey = depth === 1;
    else if (!isSpace(text.charCodeAt(i))) expectKey = false;
    i++;
  }
  return null;
}
