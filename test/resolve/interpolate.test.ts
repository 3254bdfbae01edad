import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/resolve/interpolate.js';

const vars: Record<string, string> = { HOST: 'orders', PORT: '3000', EMPTY: '' };
const lookup = (name: string): string | undefined => vars[name];

describe('interpolate', () => {
  it.each([
    ['http://${HOST}:${PORT}', 'http://orders:3000'],
    ['http://$HOST:$PORT/x', 'http://orders:3000/x'],
    ['${MISSING:-http://fallback}', 'http://fallback'],
    ['${EMPTY:-dflt}', 'dflt'],
    ['${EMPTY-dflt}', ''],
    ['${MISSING}', ''],
    ['cost $$5', 'cost $5'],
    ['trailing $', 'trailing $'],
    ['${UNCLOSED', '${UNCLOSED'],
  ])('%s → %s', (input, output) => {
    expect(interpolate(input, lookup)).toBe(output);
  });
});
