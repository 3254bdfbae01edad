import { describe, expect, it } from 'vitest';
import { SGR_CODES } from '../../src/report/ansi.js';
import { reporters } from '../../src/report/index.js';
import { sanitize } from '../../src/report/sanitize.js';
import { loadRecordedResult, recordedResultNames } from './recorded-results.js';

const ESC = '\u001b';

describe('text reporter snapshots', () => {
  for (const name of recordedResultNames()) {
    const base = name.replace(/\.json$/, '');
    it(`renders ${name} without color`, async () => {
      const output = reporters.text(loadRecordedResult(name), { color: false });
      expect(output).not.toContain(ESC);
      await expect(output).toMatchFileSnapshot(`./__snapshots__/${base}.txt`);
    });
    it(`renders ${name} with color`, async () => {
      const output = reporters.text(loadRecordedResult(name), { color: true });
      await expect(output).toMatchFileSnapshot(`./__snapshots__/${base}.color.txt`);
    });
  }
});

describe('text reporter layout', () => {
  const result = loadRecordedResult('distributed-monolith.json');
  const lines = reporters.text(result, { color: false }).split('\n');

  it('summarizes sync calls per caller, busiest target first, externals as hosts, unresolved counted', () => {
    expect(lines).toContain(
      '  orders → payments (2 call sites), inventory (1), api.stripe.com (1) · 2 calls unresolved',
    );
    expect(lines).toContain('  payments → orders (1 call site) · 1 call unresolved');
  });

  it('prints a finding line, its related location and its path', () => {
    const at = lines.indexOf('services/orders/src/clients/payments.ts');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {2}14:22 {2}error {2}Synchronous call cycle .* {2}no-sync-call-cycle$/);
    expect(lines[at + 2]).toBe('    ↳ services/payments/src/clients/orders.ts:9:18 payments calls orders here');
    expect(lines[at + 3]).toBe('    path: orders → payments → orders');
  });

  it('lists analysis errors one per line', () => {
    expect(lines).toContain(
      '  services/legacy/src/broken.ts:3           Could not parse services/legacy/src/broken.ts: unexpected token \'}\'.  parse-error',
    );
  });

  it('ends with the summary line', () => {
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe(
      '✖ 4 problems (2 errors, 1 warning, 1 note) · 4 services · 8 sync calls (3 unresolved) · 3 analysis errors · score: unscored',
    );
  });

  it('says so when there is nothing to report', () => {
    const clean = reporters.text(loadRecordedResult('clean.json'), { color: false });
    expect(clean.trimEnd().split('\n').at(-1)).toBe(
      '✔ No architecture problems found · 2 services · 1 sync call · score: unscored',
    );
  });

  it('is deterministic', () => {
    expect(reporters.text(result, { color: true })).toBe(reporters.text(result, { color: true }));
  });
});

describe('hostile repository strings', () => {
  const result = loadRecordedResult('hostile-strings.json');

  it('lets no escape byte through without color', () => {
    const output = reporters.text(result, { color: false });
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('emits only its own SGR codes with color', () => {
    const output = reporters.text(result, { color: true });
    const ours = new RegExp(`\\u001b\\[(?:${SGR_CODES.join('|')})m`, 'g');
    expect(output.replace(ours, '')).not.toContain(ESC);
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f]/);
  });

  it('cannot forge report lines through newlines', () => {
    const lines = reporters.text(result, { color: false }).split('\n');
    expect(lines.filter((line) => line.startsWith('✔'))).toEqual([]);
    expect(lines.filter((line) => line.startsWith('forged'))).toEqual([]);
    expect(lines.filter((line) => line.startsWith('✖'))).toHaveLength(1);
  });
});

describe('sanitize', () => {
  it.each([
    ['a\u001b[31mb\u001b[0m', 'ab'],
    ['a\u001b]0;title\u0007b', 'ab'],
    ['a\u001b]8;;https://x\u001b\\link\u001b]8;;\u001b\\b', 'alinkb'],
    ['a\u009b2Jb', 'ab'],
    ['a\u001bcb', 'ab'],
    ['line\r\nnext\nlast', 'line next last'],
    ['tab\there', 'tab here'],
    ['nul\u0000bell\u0007del\u007f', 'nulbelldel'],
    ['bidi\u202eevil\u2066x\u2069', 'bidievilx'],
    ['trailing escape \u001b', 'trailing escape '],
    ['plain → text ✔ ünïcödé', 'plain → text ✔ ünïcödé'],
  ])('%j → %j', (input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });
});

describe('terminal reporter: many files with one problem', () => {
  it('shows the first three and counts the rest, keeping distinct problems whole', async () => {
    const { renderAnalysisErrors } = await import('../../src/report/terminal-findings.js');
    const helm = Array.from({ length: 8 }, (_, i) => ({
      file: `charts/svc-${i}/templates/deployment.yaml`,
      line: 4,
      stage: 'extract' as const,
      code: 'unrendered-template',
      message: 'Helm template is not plain YAML; render it with `helm template` to analyze it.',
    }));
    const broken = { file: 'src/broken.ts', line: 3, stage: 'extract' as const, code: 'parse-error', message: 'Syntax error: Unexpected token' };
    const { createStyle } = await import('../../src/report/ansi.js');
    const lines = renderAnalysisErrors([...helm, broken], createStyle(false));
    expect(lines[0]).toBe('Could not analyze (9)');
    expect(lines.filter((line) => line.includes('unrendered-template'))).toHaveLength(4);
    expect(lines.some((line) => line.includes('src/broken.ts:3'))).toBe(true);
    expect(lines.at(-1)).toBe('  … and 5 more with the same problem (unrendered-template); --format json lists them all');
  });
});
