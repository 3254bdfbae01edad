/** Repo-relative POSIX path helpers shared by the walk and by service discovery. */
export { compareStrings } from '../shared/compare.js';

/**
 * Normalizes a repo-relative folder or file path as written in a manifest: `./a//b/` → `a/b`, `` or `./` → `.`.
 * Returns null when it leaves the repository (`../x`, `/abs`) or is not a local path (`git://…`).
 */
export function normalizeRelative(path: string): string | null {
  const trimmed = path.trim().replace(/\\/g, '/');
  if (trimmed.startsWith('/') || trimmed.includes('://')) return null;
  const parts: string[] = [];
  for (const part of trimmed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      // Walking above the repository root makes the path useless to us.
      if (parts.length === 0) return null;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

/** Parent folder of a repo-relative path; `.` for top-level entries and for `.` itself. */
export function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

/** Last segment of a repo-relative path (`.` stays `.`). */
export function basenameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** Joins a repo-relative folder (`.` for the root) and a child name. */
export function joinRelative(dir: string, name: string): string {
  return dir === '.' || dir === '' ? name : `${dir}/${name}`;
}

/** Whether `path` is `dir` itself or lies below it; every path lies within `.`. */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '.') return true;
  return path === dir || (path.length > dir.length && path.startsWith(dir) && path.charCodeAt(dir.length) === 47);
}

/** `path` relative to `dir` (which must contain it); `.` when they are equal. */
export function relativeTo(path: string, dir: string): string {
  if (dir === '.') return path;
  return path === dir ? '.' : path.slice(dir.length + 1);
}

/**
 * A path as shown inside an error message: control characters (a newline in a file name, terminal escapes) are
 * written as `\u{…}` so messages stay one clean line, as the AnalysisError contract requires.
 */
export function displayPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** Whether `dir` is a folder of the repository: the root, or the folder of some walked file. */
export function folderExists(dir: string, files: readonly string[]): boolean {
  return dir === '.' || files.some((file) => file !== dir && isWithin(file, dir));
}
