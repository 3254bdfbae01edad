// Issue #5 safety: archcheck never executes or imports repository code, never reaches the network, and writes
// nothing but its output file. The repository below would leave marker files behind if any of it ran.
import childProcess from 'node:child_process';
import dns from 'node:dns';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tls from 'node:tls';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { recordingIo } from './recording-io.js';
import { analyze, type Result } from '../../src/index.js';
import { listFiles } from './repo.js';

/** A repository whose every executable corner writes a marker file named after itself. */
function makeBooby(markers: string): string {
  const root = mkdtempSync(join(tmpdir(), 'archcheck-booby-'));
  const mark = (name: string): string => `require('fs').writeFileSync(${JSON.stringify(join(markers, name))}, 'ran')`;
  const esm = (name: string): string =>
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(markers, name))}, 'ran');\nexport default {};\n`;
  const files: Record<string, string> = {
    'package.json': JSON.stringify({
      name: 'booby',
      version: '1.0.0',
      scripts: Object.fromEntries(
        ['preinstall', 'install', 'postinstall', 'prepare', 'prestart', 'start', 'archcheck'].map((hook) => [hook, `node -e "${mark(hook)}"`]),
      ),
      dependencies: { express: '^4.19.2' },
      archcheck: { maxFileSize: 1_000_000 },
    }),
    'archcheck.config.js': `${mark('config-js')};\nmodule.exports = {};\n`,
    'archcheck.config.mjs': esm('config-mjs'),
    'archcheck.config.ts': esm('config-ts'),
    '.archcheckrc.js': `${mark('rc-js')};\n`,
    '.archcheckrc.cjs': `${mark('rc-cjs')};\n`,
    'vitest.config.ts': esm('vitest-config'),
    'src/server.ts': `${esm('server-ts')}fetch('http://payments:3000/charge');\nrequire('./side-effect.js');\nimport('./lazy.js');\n`,
    'src/side-effect.js': `${mark('side-effect')};\n`,
    'src/lazy.js': `${mark('lazy')};\n`,
    'tsconfig.json': JSON.stringify({ extends: './evil.js', compilerOptions: { plugins: [{ name: './evil.js' }] } }),
    'evil.js': `${mark('tsconfig-extends')};\n`,
    '.npmrc': `init-module=${join(root, 'evil.js')}\n`,
    'Dockerfile': `FROM node:20\nRUN ${mark('dockerfile').replaceAll('"', '\\"')}\nENV PAYMENTS_URL=http://payments:3000\n`,
    'docker-compose.yml': `services:\n  booby:\n    build: .\n    command: ["node", "-e", "${mark('compose').replaceAll('"', '\\"')}"]\n`,
    '.env': `NODE_OPTIONS=--require ${join(root, 'evil.js')}\n`,
    'node_modules/.bin/archcheck': `#!/bin/sh\ntouch ${join(markers, 'bin')}\n`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Every way out of the process: any call fails the test (and throws, so nothing is half-done). */
function trapEscapes(): { mock: { calls: unknown[] } }[] {
  const refuse = (what: string) => () => {
    throw new Error(`archcheck tried to use ${what}`);
  };
  const spies: { mock: { calls: unknown[] } }[] = [
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(refuse('net.Socket#connect')),
    vi.spyOn(net, 'connect').mockImplementation(refuse('net.connect')),
    vi.spyOn(net, 'createConnection').mockImplementation(refuse('net.createConnection')),
    vi.spyOn(tls, 'connect').mockImplementation(refuse('tls.connect')),
    vi.spyOn(http, 'request').mockImplementation(refuse('http.request')),
    vi.spyOn(http, 'get').mockImplementation(refuse('http.get')),
    vi.spyOn(https, 'request').mockImplementation(refuse('https.request')),
    vi.spyOn(https, 'get').mockImplementation(refuse('https.get')),
    vi.spyOn(dns, 'lookup').mockImplementation(refuse('dns.lookup')),
    vi.spyOn(dns, 'resolve').mockImplementation(refuse('dns.resolve')),
    vi.spyOn(dns.promises, 'lookup').mockImplementation(refuse('dns.promises.lookup')),
    vi.spyOn(globalThis, 'fetch').mockImplementation(refuse('fetch')),
  ];
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
    spies.push(vi.spyOn(childProcess, name).mockImplementation(refuse(`child_process.${name}`)));
  }
  return spies;
}

describe('archcheck on a booby-trapped repository (issue #5)', () => {
  let markers: string;
  let root: string;

  beforeEach(() => {
    markers = mkdtempSync(join(tmpdir(), 'archcheck-markers-'));
    root = makeBooby(markers);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
    rmSync(markers, { recursive: true, force: true });
  });

  it('runs none of its code, opens no connection, and writes only the output file', async () => {
    const before = listFiles(root);
    const spies = trapEscapes();
    const cwd = mkdtempSync(join(tmpdir(), 'archcheck-booby-cwd-'));
    const recording = recordingIo(cwd);
    const { written } = recording;
    const code = await runCli(['-f', 'json', '-o', 'out/report.json', root], recording.io, analyze);
    const stderr = recording.stderr();
    const calls = spies.map((spy) => spy.mock.calls.length);
    vi.restoreAllMocks();

    expect(stderr).toBe('archcheck: wrote json report to out/report.json (0 problems)\n');
    expect(code).toBe(0);
    expect(calls.every((count) => count === 0)).toBe(true);
    expect(readdirSync(markers)).toEqual([]);
    expect(written).toEqual([join(cwd, 'out/report.json')]);
    expect(listFiles(cwd)).toEqual(['out/report.json']);
    expect(listFiles(root)).toEqual(before);
    expect(existsSync(join(root, 'node_modules', '.cache'))).toBe(false);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('has traps that do fire (so the checks above can fail)', async () => {
    trapEscapes();
    expect(() => net.connect(9, '127.0.0.1')).toThrow('net.connect');
    expect(() => new net.Socket().connect(9, '127.0.0.1')).toThrow('net.Socket#connect');
    expect(() => http.get('http://127.0.0.1:9')).toThrow('http.get');
    expect(() => childProcess.execSync('true')).toThrow('child_process.execSync');
    await expect(Promise.resolve().then(() => fetch('http://127.0.0.1:9'))).rejects.toThrow('fetch');
  });

  it('still reads the trapped files as data: the call in src/server.ts is found', async () => {
    const spies = trapEscapes();
    const result: Result = await analyze({ root });
    expect(spies.every((spy) => spy.mock.calls.length === 0)).toBe(true);
    vi.restoreAllMocks();
    expect(readdirSync(markers)).toEqual([]);
    expect(result.services.map((service) => service.name)).toEqual(['booby']);
    expect(result.edges.map((edge) => edge.locations.map((location) => location.file))).toContainEqual(['src/server.ts']);
  });
});
