import { truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstInvalidUtf8, formatSizes, readSourceFile } from '../../src/discover/read.js';
import { makeTree, type TreeEntry } from './tree.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
function tree(entries: Record<string, TreeEntry>): string {
  const made = makeTree(entries);
  cleanups.push(made.cleanup);
  return made.root;
}
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('readSourceFile', () => {
  it('reads UTF-8 text as is, keeping CRLF line endings so offsets match the file', () => {
    const root = tree({ 'src/a.ts': 'const a = 1;\r\nconst b = "é";\r\n' });
    expect(readSourceFile(root, 'src/a.ts', 1000)).toEqual({ file: { path: 'src/a.ts', text: 'const a = 1;\r\nconst b = "é";\r\n' } });
  });

  it('removes a UTF-8 BOM', () => {
    const root = tree({ 'a.json': bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d) });
    expect(readSourceFile(root, 'a.json', 1000)).toEqual({ file: { path: 'a.json', text: '{}' } });
  });

  it('refuses a file over maxSize, saying how large it is', () => {
    const root = tree({ 'big.js': '', 'ten.js': 'x'.repeat(10) });
    // Sparse: the size is all that is checked, and no 5 MB need be written.
    truncateSync(join(root, 'big.js'), 5_200_000);
    expect(readSourceFile(root, 'big.js', 2_000_000)).toEqual({
      error: { file: 'big.js', stage: 'extract', code: 'file-too-large', message: 'big.js is 5.2 MB, over the 2 MB limit (`maxFileSize`); skipped' },
    });
    // Exactly at the limit is fine.
    expect(readSourceFile(root, 'ten.js', 10)).toEqual({ file: { path: 'ten.js', text: 'xxxxxxxxxx' } });
  });

  it('refuses a binary file (a NUL byte in the first 8 KB), but not a NUL further on', () => {
    const nulAt = (offset: number): Uint8Array => {
      const data = new Uint8Array(10_000).fill(0x61);
      data[offset] = 0;
      return data;
    };
    const root = tree({ 'logo.png': nulAt(100), 'late.js': nulAt(9_000) });
    expect(readSourceFile(root, 'logo.png', 1e6)).toEqual({
      error: { file: 'logo.png', stage: 'extract', code: 'binary-file', message: 'logo.png looks binary (a NUL byte in its first 8 KB); skipped' },
    });
    expect(readSourceFile(root, 'late.js', 1e6)).toHaveProperty('file.path', 'late.js');
  });

  it('decodes invalid UTF-8 with replacement characters and warns with the line of the first bad byte', () => {
    const root = tree({ 'latin1.ts': bytes(0x61, 0x0a, 0x62, 0x0a, 0x63, 0xe9, 0x64, 0x0a, 0xff) });
    expect(readSourceFile(root, 'latin1.ts', 1000)).toEqual({
      file: { path: 'latin1.ts', text: 'a\nb\nc\uFFFDd\n\uFFFD' },
      warning: {
        file: 'latin1.ts',
        line: 3,
        stage: 'extract',
        code: 'invalid-encoding',
        message: 'latin1.ts is not valid UTF-8 (first bad byte on line 3); read with replacement characters',
      },
    });
  });

  it('reports files that vanished, folders and symlinks as unreadable', () => {
    const root = tree({ 'dir/x.ts': '', 'real.ts': 'x', 'link.ts': { symlink: 'real.ts' } });
    expect(readSourceFile(root, 'gone.ts', 1000)).toEqual({
      error: { file: 'gone.ts', stage: 'extract', code: 'unreadable-file', message: 'Could not read gone.ts (ENOENT); skipped' },
    });
    expect(readSourceFile(root, 'dir', 1000)).toEqual({
      error: { file: 'dir', stage: 'extract', code: 'unreadable-file', message: 'dir is not a regular file; skipped' },
    });
    expect(readSourceFile(root, 'link.ts', 1000)).toEqual({
      error: { file: 'link.ts', stage: 'extract', code: 'unreadable-file', message: 'Could not read link.ts (ELOOP); skipped' },
    });
  });

  it('keeps control characters of a file name out of messages', () => {
    const root = tree({ 'new\nline.ts': 'x'.repeat(20) });
    expect(readSourceFile(root, 'new\nline.ts', 10)).toEqual({
      error: { file: 'new\nline.ts', stage: 'extract', code: 'file-too-large', message: 'new\\u{a}line.ts is 20 bytes, over the 10 bytes limit (`maxFileSize`); skipped' },
    });
  });
});

describe('firstInvalidUtf8', () => {
  it('finds overlongs, surrogates, truncated and stray bytes; accepts valid 1-4 byte sequences', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('aé€😀'))).toBe(10);
    expect(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80))).toBe(1); // overlong NUL
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0); // UTF-16 surrogate
    expect(firstInvalidUtf8(bytes(0x61, 0x62, 0xe2, 0x82))).toBe(2); // truncated at the end
    expect(firstInvalidUtf8(bytes(0x80))).toBe(0); // stray continuation byte
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0); // above U+10FFFF
  });
});

describe('formatSizes', () => {
  it('uses decimal units, and bytes when rounding would make size and limit look equal', () => {
    expect(formatSizes(5_200_000, 2_000_000)).toEqual(['5.2 MB', '2 MB']);
    expect(formatSizes(2_000_001, 2_000_000)).toEqual(['2000001 bytes', '2000000 bytes']);
    expect(formatSizes(1_500, 1_000)).toEqual(['1.5 KB', '1 KB']);
  });
});
