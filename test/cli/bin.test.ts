/** The published entry point, spawned as a user runs it: shebang shim → dist → CLI, real exit codes and streams. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../rules/harness.js';

const bin = join(REPO_ROOT, 'bin/archcheck.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });

describe('bin/archcheck.js', () => {
  it('prints its version', () => {
    const { status, stdout } = run('--version');
    expect(status).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('fails the gate (exit 1) on the distributed monolith and prints JSON on stdout only', () => {
    const { status, stdout, stderr } = run('fixtures/e2e/shop-distributed-monolith', '--format', 'json');
    expect(status).toBe(1);
    expect(stderr).toBe('');
    const result: unknown = JSON.parse(stdout);
    expect(result).toMatchObject({ schemaVersion: '1.0', tool: { name: 'archcheck' } });
  });

  it('passes (exit 0) on the healthy system with the text report', () => {
    const { status, stdout } = run('fixtures/e2e/events-healthy');
    expect(status).toBe(0);
    expect(stdout).toContain('Services (4)');
    expect(stdout).not.toContain('\u001b[');
  });

  it('exits 2 with the error and a usage hint, no stack trace, for a path that does not exist', () => {
    const { status, stdout, stderr } = run('no/such/repo');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('archcheck: error: path does not exist: no/such/repo\nRun archcheck --help for usage.\n');
  });
});
