import { describe, expect, it } from 'vitest';
import { reporters } from '../../src/report/index.js';
import { loadRecordedResult, recordedResultNames, resultValidator } from './recorded-results.js';

/** The same value with every object's keys in reverse order: what a differently written pipeline might produce. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}

describe('json reporter', () => {
  for (const name of recordedResultNames()) {
    const result = loadRecordedResult(name);

    it(`round-trips ${name} losslessly`, () => {
      expect(JSON.parse(reporters.json(result, { color: false }))).toEqual(result);
    });

    it(`writes ${name} byte-stably whatever the input key order`, () => {
      const shuffled = reverseKeys(result);
      if (!resultValidator()(shuffled)) throw new Error('reversing keys broke the Result');
      expect(reporters.json(shuffled, { color: false })).toBe(reporters.json(result, { color: false }));
    });
  }

  it('indents by two spaces, ends with a newline and never colors', () => {
    const output = reporters.json(loadRecordedResult('clean.json'), { color: true });
    expect(output.startsWith('{\n  "schemaVersion": "1.0",\n  "tool": {\n    "name": "archcheck",')).toBe(true);
    expect(output.endsWith('}\n')).toBe(true);
    expect(output).not.toContain('\u001b');
  });

  it('escapes control characters from the repository', () => {
    const output = reporters.json(loadRecordedResult('hostile-strings.json'), { color: false });
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(output).toContain('\\u001b[31m');
  });

  it('keeps a data key named __proto__ as data', () => {
    const output = reporters.json(loadRecordedResult('hostile-strings.json'), { color: false });
    expect(output).toContain('"__proto__": "polluted"');
  });

  it('drops keys outside the contract', () => {
    const result = loadRecordedResult('clean.json');
    const extended = { ...result, debugOnly: true };
    expect(reporters.json(extended, { color: false })).toBe(reporters.json(result, { color: false }));
  });
});
