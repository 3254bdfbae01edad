/** Reads one repository file as UTF-8 text for the extractors, refusing oversized and binary files. */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisError, SourceFile } from '../types/index.js';
import { displayPath } from './paths.js';
import { errorCode } from './walk.js';

/** How far to look for a NUL byte: git's own binary heuristic looks at the first 8000 bytes. */
const BINARY_SNIFF_BYTES = 8192;

/**
 * The outcome of reading one file: either its text (maybe with a warning: the text was decoded with replacement
 * characters because it is not valid UTF-8) or an error saying why it was skipped. The warning form exists because
 * a mis-encoded file is still worth analyzing, and the user should still hear about it.
 */
export type ReadResult = { file: SourceFile; warning?: AnalysisError } | { error: AnalysisError };

// O_NOFOLLOW: the walk never returns symlinks, and a file swapped for one since then must not be read through.
// O_NONBLOCK: a file swapped for a FIFO must not hang the run; it is rejected as not a regular file below.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads `path` (repo-relative POSIX) under `root`. Errors: `file-too-large` (over `maxSize` bytes), `binary-file`
 * (a NUL byte in the first 8 KB), `unreadable-file` (permissions, vanished, not a regular file). Warning:
 * `invalid-encoding`. A UTF-8 BOM is removed; line endings are kept as they are, so offsets match the file.
 */
export function readSourceFile(root: string, path: string, maxSize: number): ReadResult {
  let bytes: Uint8Array;
  let fd: number | undefined;
  try {
    fd = openSync(join(root, path), OPEN_FLAGS);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { error: readError(path, 'unreadable-file', `${displayPath(path)} is not a regular file; skipped`) };
    if (stat.size > maxSize) {
      const [size, limit] = formatSizes(stat.size, maxSize);
      return {
        error: readError(path, 'file-too-large', `${displayPath(path)} is ${size}, over the ${limit} limit (\`maxFileSize\`); skipped`),
      };
    }
    bytes = readAll(fd, stat.size);
  } catch (error) {
    return { error: readError(path, 'unreadable-file', `Could not read ${displayPath(path)} (${errorCode(error)}); skipped`) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }

  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { error: readError(path, 'binary-file', `${displayPath(path)} looks binary (a NUL byte in its first 8 KB); skipped`) };
  }
  return decode(path, bytes);
}

/** Reads up to `size` bytes; a file that shrank meanwhile yields what is there. */
function readAll(fd: number, size: number): Uint8Array {
  const buffer = new Uint8Array(size);
  let filled = 0;
  while (filled < size) {
    const count = readSync(fd, buffer, filled, size - filled, null);
    if (count === 0) break;
    filled += count;
  }
  return buffer.subarray(0, filled);
}

function decode(path: string, bytes: Uint8Array): ReadResult {
  try {
    // ignoreBOM false (the default) is what removes a leading BOM.
    return { file: { path, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) } };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const offset = firstInvalidUtf8(bytes);
    const line = countLines(bytes, offset);
    const warning: AnalysisError = {
      file: path,
      line,
      stage: 'extract',
      code: 'invalid-encoding',
      message: `${displayPath(path)} is not valid UTF-8 (first bad byte on line ${line}); read with replacement characters`,
    };
    return { file: { path, text }, warning };
  }
}

/** Byte offset of the first byte that starts an invalid UTF-8 sequence; the length when all is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Sequence length and the allowed range of the second byte (rules out overlongs and surrogates, per RFC 3629).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** 1-based line of a byte offset. */
function countLines(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

/**
 * Human sizes in decimal units (the default limit 2_000_000 reads "2 MB"). When rounding would print the size and
 * the limit alike ("2 MB, over the 2 MB limit"), both are given in bytes instead.
 */
export function formatSizes(size: number, limit: number): [string, string] {
  const a = formatSize(size);
  const b = formatSize(limit);
  return a === b ? [`${size} bytes`, `${limit} bytes`] : [a, b];
}

function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'KB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  // One decimal, without a trailing ".0".
  return `${Number(value.toFixed(1))} ${unit}`;
}

function readError(file: string, code: string, message: string): AnalysisError {
  return { file, stage: 'extract', code, message };
}
