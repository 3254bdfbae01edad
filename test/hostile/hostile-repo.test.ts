// Issue #5: the whole CLI with the real analyze on a generated hostile repository. We run as root, which reads any
// folder whatever its mode, so the unreadable folder is simulated by failing readdirSync for it (as the walk tests do).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnalysisError, Result } from '../../src/index.js';

const failing = vi.hoisted(() => ({ active: false, suffix: '/hostile/locked' }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const readdirSync = (...args: Parameters<typeof actual.readdirSync>) => {
    if (failing.active && String(args[0]).endsWith(failing.suffix)) {
      throw Object.assign(new Error(`EACCES: simulated, ${String(args[0])}`), { code: 'EACCES' });
    }
    return actual.readdirSync(...args);
  };
  return { ...actual, default: { ...actual, readdirSync }, readdirSync };
});

const { analyze } = await import('../../src/index.js');
const { runCli } = await import('../../src/cli/run.js');
const { recordingIo } = await import('./recording-io.js');
const { extractorsFor } = await import('../../src/extract/index.js');
const { ESCAPES, LOCKED_DIR, SECRET, VALID_SYSTEM, listFiles, makeHostileRepo } = await import('./repo.js');

type Repo = ReturnType<typeof makeHostileRepo>;

interface CliRun {
  code: number;
  stderr: string;
  output: string;
  written: string[];
  cwdFiles: string[];
}

/** Runs the real CLI in a fresh cwd with `-o <file>`, recording every write it makes. */
async function runOnRepo(repo: Repo, args: string[], outputName: string): Promise<CliRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'archcheck-hostile-cwd-'));
  const recording = recordingIo(cwd);
  const { written } = recording;
  failing.active = true;
  let code: number;
  try {
    code = await runCli([...args, '-o', outputName, '--', repo.root], recording.io, analyze);
  } finally {
    failing.active = false;
  }
  const stderr = recording.stderr();
  const run = { code, stderr, output: readFileSync(join(cwd, outputName), 'utf8'), written, cwdFiles: listFiles(cwd).map((f) => join(cwd, f)) };
  rmSync(cwd, { recursive: true, force: true });
  return run;
}

/** The errors every run must give, in report order; SQL and Prisma are checked apart (their extractors may be absent). */
function expectedErrors(repo: Repo): AnalysisError[] {
  const parse = (file: string, line: number, column: number, message = 'Syntax error: Unexpected token'): AnalysisError => ({
    file,
    line,
    column,
    stage: 'extract',
    code: 'parse-error',
    message,
  });
  const at = (file: string, line: number, column: number, code: string, message: string): AnalysisError => ({
    file,
    line,
    column,
    stage: 'extract',
    code,
    message,
  });
  const envLine = (line: number, message = 'Line is not a KEY=value assignment; the line was skipped.') =>
    at('hostile/odd/.env', line, 1, 'invalid-env-line', message);
  const [space, unicode, newline, dash, escape] = repo.paths.names;
  const names = [escape, dash, newline, space, unicode].map((file) => parse(file ?? '', 1, 14));
  return [
    at('hostile/bad-json/package.json', 3, 21, 'invalid-json', 'package.json is not valid JSON: trailing comma before `}`.'),
    at('hostile/bomb/docker-compose.yml', 1, 1, 'invalid-yaml', 'YAML aliases expand past 1000 nodes (an alias bomb?); this document was skipped.'),
    parse(repo.paths.deep, 1, 14),
    at('hostile/empty-json/package.json', 1, 1, 'invalid-json', 'package.json is not valid JSON: unexpected end of input.'),
    at('hostile/k8s/invalid.yaml', 4, 9, 'invalid-yaml', 'Invalid YAML (Nested mappings are not allowed in compact mappings); this document was skipped.'),
    at('hostile/k8s/multi.yaml', 16, 1, 'invalid-yaml', 'Invalid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]); this document was skipped.'),
    { file: LOCKED_DIR, stage: 'walk', code: 'unreadable-directory', message: `Could not read folder ${LOCKED_DIR} (EACCES); its files are left out` },
    ...names,
    envLine(2),
    envLine(3),
    envLine(4),
    envLine(5, 'Quoted value is never closed; the line was skipped.'),
    at('hostile/src/backslashes.ts', 2, 1, 'parse-error', 'Syntax error: backslashes outside strings (invalid escapes); the statements holding them were skipped.'),
    { file: 'hostile/src/binary.ts', stage: 'extract', code: 'binary-file', message: 'hostile/src/binary.ts looks binary (a NUL byte in its first 8 KB); skipped' },
    {
      file: 'hostile/src/decorators.ts',
      line: 2,
      column: expect.any(Number),
      stage: 'extract',
      code: 'nesting-too-deep',
      message: 'Code nested too deeply to parse safely; the statement holding it was skipped.',
    },
    {
      file: 'hostile/src/deep.ts',
      line: 1,
      column: expect.any(Number),
      stage: 'extract',
      code: 'nesting-too-deep',
      message: 'Code nested too deeply to parse safely; the statement holding it was skipped.',
    },
    { file: 'hostile/src/huge.ts', stage: 'extract', code: 'file-too-large', message: 'hostile/src/huge.ts is 6.1 MB, over the 6 MB limit (`maxFileSize`); skipped' },
    {
      file: 'hostile/src/latin1.ts',
      line: 2,
      stage: 'extract',
      code: 'invalid-encoding',
      message: 'hostile/src/latin1.ts is not valid UTF-8 (first bad byte on line 2); read with replacement characters',
    },
    parse('hostile/src/syntax.ts', 3, 16, 'Syntax error: Expected `,` or `)` but found `;`'),
  ];
}

/** Files that only some extractor sets read: a located error when an extractor claims them, none otherwise. */
const OPTIONAL_KINDS = ['hostile/db/broken.sql', 'hostile/db/schema.prisma'];

describe('a hostile repository (issue #5)', () => {
  let repo: Repo;
  let json: CliRun;
  let text: CliRun;
  let before: Map<string, number>;
  let alone: Result;

  beforeAll(async () => {
    repo = makeHostileRepo();
    before = snapshot(repo);
    json = await runOnRepo(repo, ['-f', 'json'], 'report.json');
    text = await runOnRepo(repo, ['--color'], 'report.txt');
    alone = await analyze({ root: VALID_SYSTEM });
  }, 120_000);

  afterAll(() => repo.cleanup());

  it('exits 1 (the valid part has an error finding), never 2: a broken repository is not a usage error', () => {
    expect(json.code).toBe(1);
    expect(text.code).toBe(1);
  });

  it('reports exactly the expected errors, located, and reads every other file', () => {
    const result: Result = JSON.parse(json.output);
    const optional = result.errors.filter((error) => OPTIONAL_KINDS.includes(error.file));
    expect(result.errors.filter((error) => !OPTIONAL_KINDS.includes(error.file))).toEqual(expectedErrors(repo));
    for (const file of OPTIONAL_KINDS) {
      const mine = optional.filter((error) => error.file === file);
      if (extractorsFor(file).length === 0) {
        expect(mine, file).toEqual([]);
        continue;
      }
      expect(mine.length, `${file}: an extractor claims it, so its invalid content must be reported`).toBeGreaterThan(0);
      for (const error of mine) {
        expect(error.line, file).toEqual(expect.any(Number));
        expect(error.stage).toBe('extract');
        expect(error.code).not.toBe('extractor-failure');
      }
    }
  });

  it('still analyzes the valid two-service system exactly, CRLF file included', () => {
    const result: Result = JSON.parse(json.output);
    expect(result.services.map(({ name, root }) => ({ name, root }))).toEqual([
      { name: 'accounts', root: 'accounts' },
      { name: 'billing', root: 'billing' },
    ]);
    expect(result.edges.filter((edge) => edge.kind === 'sync').map(({ from, to }) => ({ from, to }))).toEqual([
      { from: 'service:accounts', to: 'service:billing' },
      { from: 'service:billing', to: 'service:accounts' },
    ]);
    // Exactly the findings the valid system gives on its own (whatever rules are registered), the cycle among them.
    const key = (f: Result['findings'][number]) => ({ ruleId: f.ruleId, file: f.location.file, line: f.location.line, message: f.message });
    expect(result.findings.map(key)).toEqual(alone.findings.map(key));
    expect(result.findings.map(key)).toContainEqual(expect.objectContaining({ ruleId: 'no-sync-call-cycle', file: 'accounts/src/server.ts', line: 11 }));
    // Every package the workspace glob matched is read (and none is mistaken for a service).
    expect(result.libraries.filter((library) => library.root.startsWith('hostile/monorepo/packages/'))).toHaveLength(2_000);
  });

  it('prints each problem on stderr as one sanitized line, with no stack trace', () => {
    const result: Result = JSON.parse(json.output);
    for (const run of [json, text]) {
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(result.errors.length + 1);
      for (const line of lines) expect(line).toMatch(/^archcheck: \S/);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stderr).not.toContain('\u001b');
      expect(run.stderr).not.toContain(SECRET);
    }
    expect(json.stderr).toContain(`archcheck: hostile/names/new line.ts:1: Syntax error: Unexpected token [parse-error]\n`);
  });

  it('never echoes the secret or an escape sequence from repo text, in JSON or text', () => {
    for (const run of [json, text]) {
      expect(run.output).not.toContain(SECRET);
      expect(run.output).not.toContain(ESCAPES);
    }
    // The text report drops whole sequences, not only ESC (no `]0;pwned` litter). JSON keeps the odd file name
    // faithfully, but only as JSON escapes (`\u001b]0;pwned\u0007`), which no terminal runs.
    expect(text.output).not.toContain(']0;pwned');
    expect(json.output.split('\\u001b]0;pwned\\u0007').join('')).not.toContain(']0;pwned');
    // JSON escapes control characters, so no raw ESC byte; the text report strips whole sequences.
    expect(json.output).not.toContain('\u001b');
    expect(text.output).not.toContain('\u001b');
    expect(json.output).toContain('postgres://admin:***@db/x password=***');
  });

  it('writes nothing but its output file: the repository and its outside neighbour are unchanged', () => {
    for (const run of [json, text]) {
      expect(run.written).toEqual([run.cwdFiles[0]]);
      expect(run.cwdFiles).toHaveLength(1);
    }
    expect(snapshot(repo)).toEqual(before);
  });
});

/** Every file of the repository and the outside folder with its modification time. */
function snapshot(repo: Repo): Map<string, number> {
  const out = new Map<string, number>();
  for (const dir of [repo.root, repo.outside]) {
    for (const file of listFiles(dir)) out.set(join(dir, file), statSync(join(dir, file)).mtimeMs);
  }
  return out;
}
