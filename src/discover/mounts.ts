/** Compose services that run a stock language runtime with the repository's code bind-mounted into it. */
import type { BindMount, ComposeServiceFact } from '../types/index.js';
import { isRuntimeImage } from './images.js';
import { normalizeRelative } from './paths.js';

/** A folder a compose service runs, and the `volumes` entry that mounts it. */
export interface MountedCode {
  dir: string;
  mount: BindMount;
}

/**
 * The code folder a compose service runs by mounting it into a runtime image (`image: node:18-alpine`,
 * `volumes: ['./payment_service/:/usr/app']`): a mount whose source is an eligible folder (a package or loose
 * JS/TS code), preferring the ones that hold `working_dir` (`.:/repo` with `working_dir: /repo/services/orders` runs
 * `services/orders`). Null for built services, other images, or when the mounts name several folders.
 * Config, data and init-script mounts never qualify: a file, or a folder without code, is not eligible.
 */
export function mountedCode(fact: ComposeServiceFact, eligible: (dir: string) => boolean): MountedCode | null {
  if (fact.buildContext !== null || fact.dockerfile !== null || fact.image === null || !isRuntimeImage(fact.image)) return null;
  const workdir = fact.workingDir === null ? null : containerPath(fact.workingDir);
  const atWorkdir: MountedCode[] = [];
  const anywhere: MountedCode[] = [];
  for (const mount of fact.bindMounts) {
    const source = normalizeRelative(mount.source);
    if (source === null) continue;
    if (eligible(source)) anywhere.push({ dir: source, mount });
    const below = workdir === null ? null : pathBelow(workdir, containerPath(mount.target));
    const dir = below === null ? null : normalizeRelative(below === '' ? source : `${source}/${below}`);
    if (dir !== null && eligible(dir)) atWorkdir.push({ dir, mount });
  }
  const chosen = atWorkdir.length > 0 ? atWorkdir : anywhere;
  return new Set(chosen.map((candidate) => candidate.dir)).size === 1 ? (chosen[0] ?? null) : null;
}

/** `/usr/app/` → `/usr/app`; repeated slashes collapsed, `/` kept. */
function containerPath(path: string): string {
  const collapsed = path.trim().replace(/\/+/g, '/');
  return collapsed.length > 1 && collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed;
}

/** `path` relative to the container folder `dir` (`''` when equal), null when it lies outside. */
function pathBelow(path: string, dir: string): string | null {
  if (path === dir) return '';
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : null;
}
