/** Builds throwaway directory trees in the OS temp folder for the walk and read tests. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A tree entry: file content, or a symlink target. */
export type TreeEntry = string | Uint8Array | { symlink: string };

/** Creates a fresh temp folder holding `entries` (POSIX paths); returns its path and a cleanup function. */
export function makeTree(entries: Record<string, TreeEntry>): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'archcheck-walk-'));
  for (const [path, entry] of Object.entries(entries)) {
    const absolute = join(root, ...path.split('/'));
    mkdirSync(dirname(absolute), { recursive: true });
    if (typeof entry === 'object' && 'symlink' in entry) symlinkSync(entry.symlink, absolute);
    else writeFileSync(absolute, entry);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
