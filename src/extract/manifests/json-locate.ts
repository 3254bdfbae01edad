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
  return findKeyPath(text, [key]);
}

/**
 * Offset of the key at `path` (`['projects', 'gateway']` → the `"gateway"` key inside the top-level `"projects"`
 * object), or null. Like {@link findTopLevelKey}: comment-free text, tolerant of errors, one linear pass. Keys are
 * compared as written, so a key spelled with escapes is not found.
 */
export function findKeyPath(text: string, path: readonly string[]): number | null {
  if (path.length === 0) return null;
  const wanted = path.map((key) => JSON.stringify(key));
  // One entry per open container: whether it is an object, and the key whose value is being read in it.
  const stack: { object: boolean; key: string | null }[] = [];
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = scanString(text, i);
      const stop = end < 0 ? text.length : end;
      const top = stack[stack.length - 1];
      if (expectKey && top !== undefined) {
        top.key = text.slice(i, stop);
        if (stack.length === path.length && stack.every((open, depth) => open.object && open.key === wanted[depth])) return i;
      }
      expectKey = false;
      i = stop;
      continue;
    }
    if (c === '{' || c === '[') stack.push({ object: c === '{', key: null });
    else if (c === '}' || c === ']') stack.pop();
    if (c === '{' || c === ',') expectKey = stack[stack.length - 1]?.object === true;
    else if (!isSpace(text.charCodeAt(i))) expectKey = false;
    i++;
  }
  return null;
}
