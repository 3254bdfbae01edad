/** Repo-relative POSIX path arithmetic for manifests (pure string work, never touches the disk). */

/**
 * Normalizes a POSIX path: collapses `.`, `..`, repeated and trailing slashes; `''` becomes `.`.
 * Leading `..` segments that escape the repository root are kept as written, so nothing is lost.
 * Absolute paths stay absolute (`/..` collapses to `/`).
 */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      const last = out[out.length - 1];
      if (last !== undefined && last !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(segment);
  }
  const joined = out.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Directory of a repo-relative file path, `.` for files at the root. */
export function dirOf(path: string): string {
  const normalized = normalizePath(path);
  const slash = normalized.lastIndexOf('/');
  if (slash < 0) return '.';
  if (slash === 0) return '/';
  return normalized.slice(0, slash);
}

/** Last segment of a path. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** Whether a reference is a URL or remote Git location rather than a path (compose `build: https://…`). */
export function isRemoteRef(ref: string): boolean {
  return ref.includes('://') || ref.startsWith('git@');
}

/**
 * Resolves `ref` (as written in a manifest) against the repo-relative directory `dir`.
 * Absolute paths and remote references are returned normalized or as written, never joined.
 */
export function resolveFrom(dir: string, ref: string): string {
  if (isRemoteRef(ref)) return ref;
  if (ref.startsWith('/')) return normalizePath(ref);
  return normalizePath(dir === '.' ? ref : `${dir}/${ref}`);
}

/** Whether any directory segment of `path` equals `segment` (the file name itself is not a directory). */
export function hasDirSegment(path: string, segment: string): boolean {
  const parts = normalizePath(path).split('/');
  parts.pop();
  return parts.includes(segment);
}
