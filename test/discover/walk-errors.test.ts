// We run as root, which reads any folder whatever its mode: unreadable folders and files are simulated by failing
// the fs calls for chosen paths.
import { describe, expect, it, vi } from 'vitest';
import { makeTree } from './tree.js';

const failing = vi.hoisted(() => ({ paths: new Map<string, string>() }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const fail = (path: unknown): void => {
    const code = [...failing.paths].find(([suffix]) => String(path).endsWith(suffix))?.[1];
    if (code !== undefined) throw Object.assign(new Error(`${code}: simulated, ${String(path)}`), { code });
  };
  const readdirSync = (...args: Parameters<typeof actual.readdirSync>) => {
    fail(args[0]);
    return actual.readdirSync(...args);
  };
  const readFileSync = (...args: Parameters<typeof actual.readFileSync>) => {
    fail(args[0]);
    return actual.readFileSync(...args);
  };
  return { ...actual, default: { ...actual, readdirSync, readFileSync }, readdirSync, readFileSync };
});

const { walkRepository } = await import('../../src/discover/walk.js');

describe('walkRepository with failing fs calls', () => {
  it('reports an unreadable folder (stage walk) and walks the rest', () => {
    const { root, cleanup } = makeTree({ 'a.ts': '', 'locked/b.ts': '', 'open/c.ts': '', 'open/locked-not/d.ts': '' });
    failing.paths.set('/locked', 'EACCES');
    try {
      const result = walkRepository(root, { ignore: [], isWanted: () => true });
      expect(result).toEqual({
        files: ['a.ts', 'open/c.ts', 'open/locked-not/d.ts'],
        errors: [
          { file: 'locked', stage: 'walk', code: 'unreadable-directory', message: 'Could not read folder locked (EACCES); its files are left out' },
        ],
        skipped: { ignored: 0, symlinks: 0 },
      });
    } finally {
      failing.paths.clear();
      cleanup();
    }
  });

  it('reports an unreadable .gitignore and walks on without its rules', () => {
    const { root, cleanup } = makeTree({ 'sub/.gitignore': '*.log\n', 'sub/x.log': '', 'y.log': '' });
    failing.paths.set('sub/.gitignore', 'EIO');
    try {
      const result = walkRepository(root, { ignore: [], isWanted: () => true });
      expect(result.files).toEqual(['sub/.gitignore', 'sub/x.log', 'y.log']);
      expect(result.errors).toEqual([
        { file: 'sub/.gitignore', stage: 'walk', code: 'unreadable-file', message: 'Could not read sub/.gitignore (EIO); its rules are not applied' },
      ]);
    } finally {
      failing.paths.clear();
      cleanup();
    }
  });
});
