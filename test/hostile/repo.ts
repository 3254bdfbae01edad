/** Generates the hostile repository of issue #5 in the OS temp folder at test time, so no junk is committed. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from '../rules/harness.js';

/** The secret planted in repository text; it must never appear in any report. */
export const SECRET = 'hunter2-Pa55w0rd';
/** A terminal escape sequence planted in repository text (set the window title, clear the screen, paint red). */
export const ESCAPES = '\u001b]0;pwned\u0007\u001b[2J\u001b[31m';
/** The folder inside the hostile repo that the tests simulate as unreadable (we run as root, which reads anything). */
export const LOCKED_DIR = 'hostile/locked';
/** How many package folders the workspace glob matches. */
export const WORKSPACE_PACKAGES = 2_000;
/** The 10,000-deep expression that overflows oxc's native stack without the nesting guard. */
export const DEEP_NESTING = 10_000;

/** Where the generated repository and its outside neighbour live. */
export interface HostileRepo {
  /** The repository root handed to archcheck. */
  root: string;
  /** A folder next to the root that a symlink points into; archcheck must never read it. */
  outside: string;
  /** Paths of the deep-path file and the odd names, as archcheck reports them (repo-relative POSIX). */
  paths: { deep: string; names: string[] };
  cleanup(): void;
}

/** The valid two-service system (accounts ↔ billing, a sync cycle): copied from the no-sync-call-cycle fixture. */
export const VALID_SYSTEM = join(REPO_ROOT, 'fixtures', 'rules', 'no-sync-call-cycle', 'invalid-compose-cycle');

/** Builds the hostile repository; call `cleanup()` when done. */
export function makeHostileRepo(): HostileRepo {
  const base = mkdtempSync(join(tmpdir(), 'archcheck-hostile-'));
  const root = join(base, 'repo');
  const outside = join(base, 'outside');
  const write = (path: string, data: string | Uint8Array): void => {
    const absolute = join(root, ...path.split('/'));
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, data);
  };

  copyValidSystem(write);
  writeBrokenSources(write);
  writeBrokenManifests(write);
  const names = writeOddNames(write);
  const deep = writeDeepPath(write);
  writeWalkTraps(root, outside, write);
  return { root, outside, paths: { deep, names }, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

type Write = (path: string, data: string | Uint8Array) => void;

/** The valid system, with CRLF line endings in one file and a secret plus escape sequences on reported lines. */
function copyValidSystem(write: Write): void {
  for (const file of listFiles(VALID_SYSTEM)) {
    let text = readFileSync(join(VALID_SYSTEM, file), 'utf8');
    if (file === 'billing/src/accounts-client.ts') text = text.replaceAll('\n', '\r\n');
    if (file === 'accounts/src/server.ts') {
      // The call line is an edge location and the finding's evidence: its snippet reaches every report.
      text = text.replace('// archcheck-expect', `// db postgres://admin:${SECRET}@db/x password=${SECRET} ${ESCAPES} // archcheck-expect`);
    }
    write(file, text);
  }
  write('archcheck.config.json', JSON.stringify({ maxFileSize: 6_000_000 }));
  write('.gitignore', 'dist/\n');
  // Built output is ignored by the root .gitignore: it would be a parse error if read.
  write('accounts/dist/server.js', 'this is not javascript (((');
}

function writeBrokenSources(write: Write): void {
  write('hostile/src/syntax.ts', "import a from 'a';\n\nconst x = (1, 2;\n");
  write('hostile/src/binary.ts', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0xff]));
  // Latin-1 "é" (0xE9) on line 2: not UTF-8.
  write('hostile/src/latin1.ts', Uint8Array.from([...Buffer.from("const a = 1;\nconst s = '"), 0xe9, ...Buffer.from("';\n")]));
  write('hostile/src/crlf.ts', "import b from 'b';\r\nexport const c = b;\r\n");
  write('hostile/src/empty.ts', '');
  write('hostile/src/huge.ts', `// ${'x'.repeat(6_100_000)}\n`);
  // One 5 MB minified line: parsed in full (the size limit is raised to 6 MB in the config).
  write('hostile/src/minified.js', `${'var a=1,b=[a,{c:a}];function f(n){return n?f(n-1):0}'.repeat(95_000)}\n`);
  write('hostile/src/deep.ts', `const deep = ${'('.repeat(DEEP_NESTING)}1${')'.repeat(DEEP_NESTING)};\n`);
  // Found by the property tests: oxc reports each stray backslash with a code frame of its whole line (quadratic),
  // and nests `@@@…` decorators until its native stack overflows.
  write('hostile/src/backslashes.ts', `import a from 'a';\n${'\\'.repeat(100_000)}\nfetch('http://after');\n`);
  write('hostile/src/decorators.ts', `import b from 'b';\n${'@'.repeat(20_000)}\nfetch('http://after');\n`);
  // Extracted only when a SQL or Prisma extractor is registered; the test adapts.
  write('hostile/db/broken.sql', 'CREATE TABLE orders (\n  id serial PRIMARY KEY,\n  total numeric(10,\n);\nSELEC * FRM;\n');
  write('hostile/db/schema.prisma', 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\nmodel Order {\n  id Int @id @default(\n}\n');
}

function writeBrokenManifests(write: Write): void {
  write('hostile/k8s/invalid.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n   labels: bad\n');
  write(
    'hostile/k8s/multi.yaml',
    [
      '---',
      '---',
      '# only a comment',
      '---',
      'just a string',
      '---',
      '- a',
      '- list',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: cfg }',
      'data: { A: b }',
      '---',
      'foo: [unclosed',
      '',
    ].join('\n'),
  );
  const bomb = ['x-0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) bomb.push(`x-${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  write('hostile/bomb/docker-compose.yml', `${bomb.join('\n')}\nservices:\n  bomb:\n    image: nginx\n    environment: *a8\n`);
  write('hostile/bad-json/package.json', '{\n  "name": "bad-json",\n  "version": "1.0.0",\n}\n');
  write('hostile/empty-json/package.json', '');
  write(
    'hostile/odd/.env',
    ['export', '=novalue', 'KEY WITH SPACE=1', 'ÜNICODE=1', 'UNTERMINATED="abc', 'A=${B', '#comment', '   ', 'VALID=ok', 'DUP=1', 'DUP=2', `LONG=${'y'.repeat(50_000)}`, `DB_PASSWORD=${SECRET}`, ''].join('\n'),
  );
  write('hostile/monorepo/pnpm-workspace.yaml', "packages:\n  - 'packages/*'\n");
  write('hostile/monorepo/package.json', '{ "name": "mono", "private": true }\n');
  for (let i = 0; i < WORKSPACE_PACKAGES; i++) {
    const name = `p${String(i).padStart(4, '0')}`;
    write(`hostile/monorepo/packages/${name}/package.json`, `{ "name": "@mono/${name}", "version": "1.0.0" }\n`);
  }
}

/** Files whose names hold a space, unicode, a newline, a leading dash and an escape sequence; each fails to parse. */
function writeOddNames(write: Write): string[] {
  const names = ['with space.ts', 'ünïcødé-服务.ts', 'new\nline.ts', '-leading-dash.ts', `${ESCAPES}red.ts`];
  const paths = names.map((name) => `hostile/names/${name}`);
  for (const path of paths) write(path, 'export const = ;\n');
  return paths;
}

/** A file 120 folders deep (about 1,500 characters of path); it fails to parse so the report shows it was reached. */
function writeDeepPath(write: Write): string {
  const path = `hostile/${Array.from({ length: 120 }, (_, i) => `d${String(i).padStart(3, '0')}`).join('/')}/deep-path.ts`;
  write(path, 'export const = ;\n');
  return path;
}

/** Nested .gitignore, symlink loop, symlink out of the root, and the folder simulated as unreadable. */
function writeWalkTraps(root: string, outside: string, write: Write): void {
  write('hostile/ignored/.gitignore', 'generated/\n*.gen.ts\n!keep.gen.ts\n');
  write('hostile/ignored/generated/junk.ts', 'this would be a parse error (((');
  write('hostile/ignored/junk.gen.ts', 'this would be a parse error (((');
  write('hostile/ignored/keep.gen.ts', "export const kept = 'kept';\n");
  write(`${LOCKED_DIR}/secret.ts`, 'this would be a parse error (((');
  mkdirSync(join(outside, 'src'), { recursive: true });
  writeFileSync(join(outside, 'src', 'outside.ts'), 'this would be a parse error (((');
  writeFileSync(join(outside, 'package.json'), '{ "name": "outside", "scripts": { "start": "node x" } }');
  symlinkSync(join(root, 'hostile'), join(root, 'hostile', 'loop'));
  symlinkSync(outside, join(root, 'hostile', 'escape'));
  symlinkSync(join(outside, 'src', 'outside.ts'), join(root, 'hostile', 'src', 'linked.ts'));
}

/** Every file under `dir`, repo-relative POSIX. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const absolute = join(current, entry.name);
      if (entry.isDirectory()) visit(absolute);
      else if (entry.isFile()) out.push(relative(dir, absolute).split('\\').join('/'));
    }
  };
  visit(dir);
  return out.sort();
}
