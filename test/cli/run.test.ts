import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import type { Severity } from '../../src/types/finding.js';
import type { Result } from '../../src/types/result.js';
import { toolVersion } from '../../src/version.js';
import { loadRecordedResult } from '../report/recorded-results.js';
import { makeWorkspace, run } from './harness.js';

/** The distributed-monolith Result keeping only findings of the given severities. */
function withFindings(...severities: Severity[]): Result {
  const result = loadRecordedResult('distributed-monolith.json');
  return { ...result, findings: result.findings.filter((finding) => severities.includes(finding.severity)) };
}

describe('argv parsing', () => {
  it('analyzes the cwd by default, with no config file and no progress callback off a TTY', async () => {
    const cwd = makeWorkspace();
    const { calls } = await run([], { io: { cwd } });
    expect(calls).toEqual([{ root: cwd }]);
  });

  it('resolves the path and --config against the cwd', async () => {
    const cwd = makeWorkspace();
    const { calls, code } = await run(['repo', '-c', 'archcheck.config.json', '--fail-on', 'none'], { io: { cwd } });
    expect(code).toBe(0);
    expect(calls).toEqual([{ root: join(cwd, 'repo'), configFile: join(cwd, 'archcheck.config.json') }]);
  });

  it('prints help on stdout and exits 0', async () => {
    const { code, stdout, stderr, calls } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: archcheck [options] [path]');
    expect(stdout).toContain('--fail-on <severity>');
    expect(stdout).toContain('Exit codes:');
    expect(stdout.endsWith('internal error\n')).toBe(true);
    expect(stderr).toBe('');
    expect(calls).toEqual([]);
  });

  it.each([['-v'], ['--version']])('prints the version for %s and exits 0', async (flag) => {
    const { code, stdout } = await run([flag]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${toolVersion()}\n`);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each<[string[], string]>([
    [['--x'], "archcheck: error: unknown option '--x'"],
    [['-f', 'xml'], "archcheck: error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json."],
    [['--fail-on', 'fatal'], "archcheck: error: option '--fail-on <severity>' argument 'fatal' is invalid. Allowed choices are error, warning, note, none."],
    [['-o'], "archcheck: error: option '-o, --output-file <file>' argument missing"],
    [['a', 'b'], "archcheck: error: too many arguments. Expected 1 argument but got 2."],
  ])('rejects %j with exit 2 and one line plus a hint', async (argv, message) => {
    const { code, stdout, stderr, calls } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\nRun archcheck --help for usage.\n`);
    expect(calls).toEqual([]);
  });
});

describe('exit codes', () => {
  it.each<[string[], Severity[], number]>([
    [[], ['error', 'warning', 'note'], 1],
    [[], ['warning', 'note'], 0],
    [['--fail-on', 'error'], ['error'], 1],
    [['--fail-on', 'warning'], ['warning'], 1],
    [['--fail-on', 'warning'], ['note'], 0],
    [['--fail-on', 'note'], ['note'], 1],
    [['--fail-on', 'note'], [], 0],
    [['--fail-on', 'none'], ['error', 'warning', 'note'], 0],
  ])('%j with %j findings → %i', async (argv, severities, expected) => {
    const { code } = await run(argv, { analyze: withFindings(...severities) });
    expect(code).toBe(expected);
  });

  it('exits 0 on a clean repository', async () => {
    expect((await run([], { analyze: 'clean.json' })).code).toBe(0);
  });

  it.each<[string[], string]>([
    [['missing'], 'archcheck: error: path does not exist: missing'],
    [['file.txt'], 'archcheck: error: path is not a directory: file.txt'],
    [['-c', 'nope.json'], 'archcheck: error: config file not found: nope.json'],
    [['-c', 'repo'], 'archcheck: error: config file is not a file: repo'],
  ])('%j → exit 2 without analyzing', async (argv, line) => {
    const { code, stderr, stdout, calls } = await run(argv);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(line);
    expect(stdout).toBe('');
    expect(calls).toEqual([]);
  });

  it('reports a throwing analyze as one internal-error line, exit 2', async () => {
    const { code, stderr, stdout } = await run([], {
      analyze: () => Promise.reject(new Error('boom\nsecond line')),
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('archcheck: internal error: boom\n');
  });

  it('adds the stack with --debug', async () => {
    const { code, stderr } = await run(['--debug'], { analyze: () => Promise.reject(new Error('boom')) });
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('archcheck: internal error: boom');
    expect(stderr).toMatch(/\n {4}at /);
  });

  it('reports a non-Error rejection too', async () => {
    const { code, stderr } = await run([], { analyze: () => Promise.reject('just a string') });
    expect(code).toBe(2);
    expect(stderr).toBe('archcheck: internal error: just a string\n');
  });

  it('reports a ConfigurationError as a user error, not an internal one', async () => {
    const { code, stderr } = await run(['--debug'], {
      analyze: () => Promise.reject(new ConfigurationError("unknown rule 'x' in config")),
    });
    expect(code).toBe(2);
    expect(stderr).toBe("archcheck: error: unknown rule 'x' in config\n");
  });
});

const ANALYSIS_ERROR_LINES = [
  'archcheck: docker-compose.override.yml:12: Could not read docker-compose.override.yml: bad indentation of a mapping entry. [invalid-yaml]',
  "archcheck: services/legacy/src/broken.ts:3: Could not parse services/legacy/src/broken.ts: unexpected token '}'. [parse-error]",
  'archcheck: services/orders/src/generated/catalog.ts: Skipped services/orders/src/generated/catalog.ts: 3400000 bytes is over maxFileSize (2000000). [file-too-large]',
];

describe('output', () => {
  it('prints the text report on stdout and each analysis error as one stderr line (issue #5: every format)', async () => {
    const { stdout, stderr } = await run([]);
    expect(stdout).toContain('✖ 4 problems (2 errors, 1 warning, 1 note)');
    expect(stdout).toContain('Could not analyze (3)');
    expect(stderr.trimEnd().split('\n')).toEqual(ANALYSIS_ERROR_LINES);
  });

  it('prints JSON on stdout and each analysis error as one stderr line', async () => {
    const result = loadRecordedResult('distributed-monolith.json');
    const { stdout, stderr } = await run(['-f', 'json']);
    expect(JSON.parse(stdout)).toEqual(result);
    expect(stderr.trimEnd().split('\n')).toEqual(ANALYSIS_ERROR_LINES);
  });

  it('sanitizes analysis errors printed on stderr', async () => {
    const { stderr } = await run(['-f', 'json'], { analyze: 'hostile-strings.json' });
    expect(stderr).toBe('archcheck: badname.ts:1: parse failed forged line [parse-error]\n');
  });

  it('writes --output-file (resolved against cwd), keeps stdout empty and notes it on stderr', async () => {
    const cwd = makeWorkspace();
    const { stdout, stderr, files, code } = await run(['-f', 'json', '-o', 'reports/out.json', '--color'], {
      io: { cwd, stdoutIsTTY: true },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect([...files.keys()]).toEqual([join(cwd, 'reports/out.json')]);
    expect(JSON.parse(files.get(join(cwd, 'reports/out.json')) ?? '')).toEqual(
      loadRecordedResult('distributed-monolith.json'),
    );
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('archcheck: wrote json report to reports/out.json (4 problems)');
  });

  it('never colors a text report written to a file', async () => {
    const { files, stderr } = await run(['-o', 'report.txt', '--color'], { io: { stdoutIsTTY: true } });
    const [report] = [...files.values()];
    expect(report).toContain('✖ 4 problems');
    expect(report).not.toContain('\u001b');
    expect(stderr.trimEnd().split('\n')).toEqual([
      ...ANALYSIS_ERROR_LINES,
      'archcheck: wrote text report to report.txt (4 problems, 3 analysis errors)',
    ]);
  });

  it('exits 2 when the output file cannot be written', async () => {
    const { code, stderr } = await run(['-o', 'out.txt'], {
      io: {
        writeFile: () => {
          throw new Error('EACCES: permission denied');
        },
      },
    });
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('archcheck: error: cannot write out.txt: EACCES: permission denied');
  });
});
