/** docker-compose / dotenv-expand style `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `$VAR` interpolation. */

/** Replaces variable references using `lookup`; unknown variables without a default become ''. Linear time. */
export function interpolate(value: string, lookup: (name: string) => string | undefined): string {
  if (!value.includes('$')) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const char = value[i];
    if (char !== '$') {
      out += char;
      i++;
      continue;
    }
    const next = value[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const close = value.indexOf('}', i + 2);
      if (close === -1) {
        out += value.slice(i);
        break;
      }
      out += expandBraced(value.slice(i + 2, close), lookup);
      i = close + 1;
    } else {
      let end = i + 1;
      while (end < value.length && isNameChar(value.charCodeAt(end))) end++;
      if (end === i + 1) {
        out += '$';
        i++;
      } else {
        out += lookup(value.slice(i + 1, end)) ?? '';
        i = end;
      }
    }
  }
  return out;
}

function expandBraced(body: string, lookup: (name: string) => string | undefined): string {
  let nameEnd = 0;
  while (nameEnd < body.length && isNameChar(body.charCodeAt(nameEnd))) nameEnd++;
  const name = body.slice(0, nameEnd);
  const rest = body.slice(nameEnd);
  const found = lookup(name);
  if (rest.startsWith(':-')) return found !== undefined && found !== '' ? found : rest.slice(2);
  if (rest.startsWith('-')) return found ?? rest.slice(1);
  return found ?? '';
}

function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}
