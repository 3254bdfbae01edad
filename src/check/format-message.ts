/** Fills `{name}` slots of a message template; a missing slot stays visible rather than silently vanishing. */
export function formatMessage(template: string, data: Record<string, string | number>): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open === -1) break;
    const close = template.indexOf('}', open + 1);
    if (close === -1) break;
    const key = template.slice(open + 1, close);
    const value = Object.hasOwn(data, key) ? data[key] : undefined;
    out += template.slice(i, open) + (value === undefined ? `{${key}}` : String(value));
    i = close + 1;
  }
  return out + template.slice(i);
}
