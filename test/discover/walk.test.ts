import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { walkRepository } from '../../src/discover/walk.js';
import { makeTree, type TreeEntry } from './tree.js';

const everything = { ignore: [], isWanted: () => true };
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
function tree(entries: Record<string, TreeEntry>): string {
  const made = makeTree(entries);
  cleanups.push(made.cleanup);
  return made.root;
}

const gitignoreTree: Record<string, TreeEntry> = {
  '.gitignore': '*.log\nbuild/\n!important.log\nlogs/\n',
  'a.ts': '',
  'debug.log': '',
  'important.log': '',
  'build/out.js': '',
  'sub/.gitignore': '!*.log\nsecret.ts\n/anchored.ts\n',
  'sub/keep.log': '',
  'sub/secret.ts': '',
  'sub/anchored.ts': '',
  'sub/deeper/secret.ts': '',
  'sub/deeper/anchored.ts': '',
  'other/secret.ts': '',
  'other/drop.log': '',
  'logs/x.txt': '',
  // A folder excluded above and re-included by a nested .gitignore: git lists what is inside.
  'pkg/.gitignore': '!logs/\n',
  'pkg/logs/a.txt': '',
};
const gitignoreExpected = [
  '.gitignore',
  'a.ts',
  'important.log',
  'other/secret.ts',
  'pkg/.gitignore',
  'pkg/logs/a.txt',
  'sub/.gitignore',
  'sub/deeper/anchored.ts',
  'sub/keep.log',
];

function gitAvailable(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('walkRepository', () => {
  it('honours nested .gitignore files: negations, anchored and basename patterns, re-included folders', () => {
    const root = tree(gitignoreTree);
    const result = walkRepository(root, everything);
    expect(result).toEqual({ files: gitignoreExpected, errors: [], skipped: { ignored: 7, symlinks: 0 } });
  });

  it.skipIf(!gitAvailable())('agrees with git ls-files on the same tree', () => {
    const root = tree(gitignoreTree);
    execFileSync('git', ['init', '-q', root]);
    const listed = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((path) => path !== '')
      .sort();
    expect(walkRepository(root, everything).files).toEqual(listed);
  });

  it('applies config ignores on top of .gitignore, where .gitignore negations cannot undo them', () => {
    const root = tree({
      '.gitignore': '!vendor/\n!keep.generated.ts\n',
      'src/a.ts': '',
      'src/a.generated.ts': '',
      'src/keep.generated.ts': '',
      'vendor/lib.ts': '',
      'fixtures/x.ts': '',
      'fixtures/wanted.ts': '',
    });
    const result = walkRepository(root, { ignore: ['vendor/', '*.generated.ts', 'fixtures/*', '!fixtures/wanted.ts'], isWanted: () => true });
    expect(result.files).toEqual(['.gitignore', 'fixtures/wanted.ts', 'src/a.ts']);
    expect(result.skipped).toEqual({ ignored: 4, symlinks: 0 });
  });

  it('skips .git, .hg, .svn and node_modules without counting them, and leaves out unwanted files', () => {
    const root = tree({
      'node_modules/dep/index.js': '',
      'packages/a/node_modules/dep/index.js': '',
      'packages/a/index.js': '',
      'packages/a/README.md': '',
      '.git/HEAD': '',
      '.hg/store': '',
      '.svn/entries': '',
    });
    expect(walkRepository(root, { ignore: [], isWanted: (path) => path.endsWith('.js') })).toEqual({
      files: ['packages/a/index.js'],
      errors: [],
      skipped: { ignored: 0, symlinks: 0 },
    });
  });

  it('never follows symlinks: loops, links out of the root and links to files are counted and skipped', () => {
    const root = tree({
      'a.ts': '',
      'dir/b.ts': '',
      'dir/loop': { symlink: '..' },
      'self': { symlink: '.' },
      'outside': { symlink: tmpdir() },
      'file-link.ts': { symlink: 'a.ts' },
      'dangling.ts': { symlink: 'missing.ts' },
    });
    expect(walkRepository(root, everything)).toEqual({
      files: ['a.ts', 'dir/b.ts'],
      errors: [],
      skipped: { ignored: 0, symlinks: 5 },
    });
  });

  it('keeps odd file names as data: spaces, unicode, a leading dash, a newline', () => {
    const names = ['with space.ts', 'ünïcödé/日本.ts', '-dash.ts', '--', 'new\nline.ts', 'Z.ts', 'a.ts'];
    const root = tree(Object.fromEntries(names.map((name) => [name, ''])));
    // Plain code-unit order: '-' < 'Z' < 'a' < 'n' < 'w' < 'ü'.
    expect(walkRepository(root, everything).files).toEqual(['--', '-dash.ts', 'Z.ts', 'a.ts', 'new\nline.ts', 'with space.ts', 'ünïcödé/日本.ts']);
  });

  it('walks a 300-deep folder chain without recursion', () => {
    const chain = Array.from({ length: 300 }, () => 'd').join('/');
    const root = tree({ [`${chain}/leaf.ts`]: '', 'top.ts': '' });
    const result = walkRepository(root, everything);
    expect(result.files).toEqual([`${chain}/leaf.ts`, 'top.ts']);
    expect(result.errors).toEqual([]);
  });

  it('reports a missing root as one unreadable-directory error', () => {
    const result = walkRepository(join(tmpdir(), 'archcheck-no-such-root-9f2c'), everything);
    expect(result.files).toEqual([]);
    expect(result.errors).toEqual([
      { file: '.', stage: 'walk', code: 'unreadable-directory', message: 'Could not read folder . (ENOENT); its files are left out' },
    ]);
  });

  // Root reads any folder whatever its mode, so this needs a normal user; walk-errors.test.ts covers it with a mocked fs.
  it.skipIf(process.getuid?.() === 0)('reports an unreadable folder and goes on (non-root only)', () => {
    const root = tree({ 'a.ts': '', 'locked/b.ts': '' });
    chmodSync(join(root, 'locked'), 0o000);
    cleanups.unshift(() => chmodSync(join(root, 'locked'), 0o755));
    const result = walkRepository(root, everything);
    expect(result.files).toEqual(['a.ts']);
    expect(result.errors.map((error) => [error.file, error.code])).toEqual([['locked', 'unreadable-directory']]);
  });

  it('ignores a .gitignore that is a folder or a symlink, as git does', () => {
    const root = tree({ 'real.log': '', 'rules': '*.log\n', '.gitignore': { symlink: 'rules' }, 'sub/x.log': '' });
    mkdirSync(join(root, 'sub', '.gitignore'));
    writeFileSync(join(root, 'sub', '.gitignore', 'inner.log'), '');
    expect(walkRepository(root, everything).files).toEqual(['real.log', 'rules', 'sub/.gitignore/inner.log', 'sub/x.log']);
  });
});
