/** Names for services and libraries: matching image names to folders, choosing a name, keeping names unique. */
import type { AnalysisError } from '../types/index.js';
import { basenameOf, compareStrings, displayPath } from './paths.js';

/** Suffixes that name the same thing: an `orders-service` image runs the `orders` folder. */
const ROLE_SUFFIXES = ['-service', '-svc', '-api'];

/** `@acme/orders` → `orders`; unscoped names are returned unchanged. */
export function unscopedName(packageName: string): string {
  const slash = packageName.indexOf('/');
  return packageName.startsWith('@') && slash > 0 ? packageName.slice(slash + 1) : packageName;
}

/**
 * The repository name of a container image: `ghcr.io/acme/orders-service:1.4` → `orders-service`,
 * `orders@sha256:…` → `orders`, `localhost:5000/orders` → `orders`. Null when nothing is left.
 */
export function imageBaseName(image: string): string | null {
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  // A digest comes after the tag (`name:tag@sha256:…`), so cut it first; a `:` left in the last segment is the tag.
  const withoutDigest = lastSegment.split('@')[0] ?? '';
  const name = (withoutDigest.split(':')[0] ?? '').trim().toLowerCase();
  return name === '' ? null : name;
}

/** The name itself (lower-cased) and, when it ends with a role suffix, the name without it. */
function variants(name: string): string[] {
  const lower = name.toLowerCase();
  const out = [lower];
  for (const suffix of ROLE_SUFFIXES) {
    if (lower.length > suffix.length && lower.endsWith(suffix)) out.push(lower.slice(0, -suffix.length));
  }
  return out;
}

/** How well two names match: 2 equal (ignoring case), 1 equal once role suffixes are trimmed on both sides, 0 not. */
export function nameMatchScore(a: string, b: string): number {
  if (a.toLowerCase() === b.toLowerCase()) return 2;
  const left = variants(a);
  return variants(b).some((v) => left.includes(v)) ? 1 : 0;
}

/** Where a name came from, strongest first: the strongest claim keeps a contested name. */
export type NameSource = 'config' | 'compose' | 'k8s' | 'project' | 'package' | 'folder';
const SOURCE_RANK: Record<NameSource, number> = { config: 0, compose: 1, k8s: 2, project: 3, package: 4, folder: 5 };

export interface NameClaim {
  root: string;
  name: string;
  source: NameSource;
}

/**
 * Makes names unique. On a clash the single strongest claim keeps the name and every other claimant becomes
 * `name@root` (roots are unique, so that is too); when the strongest claims tie, all of them are qualified.
 * Each rename is reported, so the user can pin names with `services` in the config.
 */
export function assignUniqueNames(claims: NameClaim[], what: 'service' | 'library'): { names: Map<string, string>; errors: AnalysisError[] } {
  const byName = new Map<string, NameClaim[]>();
  for (const claim of claims) {
    const list = byName.get(claim.name);
    if (list === undefined) byName.set(claim.name, [claim]);
    else list.push(claim);
  }
  const names = new Map<string, string>();
  const errors: AnalysisError[] = [];
  const taken = new Set(byName.keys());
  for (const [name, list] of [...byName].sort(([a], [b]) => compareStrings(a, b))) {
    if (list.length === 1) {
      names.set(list[0]?.root ?? '.', name);
      continue;
    }
    list.sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || compareStrings(a.root, b.root));
    const best = SOURCE_RANK[list[0]?.source ?? 'folder'];
    const winners = list.filter((claim) => SOURCE_RANK[claim.source] === best);
    const keeper = winners.length === 1 ? winners[0] : undefined;
    const renamed: string[] = [];
    for (const claim of list) {
      if (claim === keeper) {
        names.set(claim.root, name);
        continue;
      }
      let qualified = `${name}@${claim.root}`;
      // Only a hand-written config name could already be `x@y`; count up until free.
      for (let n = 2; taken.has(qualified); n++) qualified = `${name}@${claim.root}#${n}`;
      taken.add(qualified);
      names.set(claim.root, qualified);
      renamed.push(`${displayPath(claim.root)} → ${displayPath(qualified)}`);
    }
    const roots = list.map((claim) => displayPath(claim.root)).join(', ');
    const plural = what === 'service' ? 'services' : 'libraries';
    const message = `Several ${plural} would be named ${displayPath(name)} (${roots}); renamed ${renamed.join(', ')}; name them in the config to choose`;
    errors.push({ file: '.', stage: 'discover', code: `${what}-name-clash`, message });
  }
  return { names, errors };
}

/** The fallback name of a folder: the unscoped package name, else the folder's own name. */
export function folderName(root: string, packageName: string | null): { name: string; source: NameSource } {
  if (packageName !== null && unscopedName(packageName) !== '') return { name: unscopedName(packageName), source: 'package' };
  return { name: root === '.' ? 'app' : basenameOf(root), source: 'folder' };
}
