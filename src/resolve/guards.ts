/**
 * Links the guards that protect each synchronous call: what the extractor saw in the call's file, module-wide
 * guards of the calling service (`HttpModule.register({ timeout })`, `axios.defaults.timeout`), imported
 * wrappers from shared packages (an exported function or class that wraps a breaker), and mesh policies
 * (Istio DestinationRule / VirtualService) for the target service's hosts. A route policy counts only for a call
 * it surely applies to: its route's conditions fit the call's path and method, and no earlier route's may. When
 * that cannot be decided (an unknown path part, a header condition, a regular expression) it does not count: a
 * missed guard is reported, an invented one would hide a real risk.
 */
import type {
  CallGuards,
  Evidence,
  Fact,
  GuardWrapperFact,
  HttpCallFact,
  MeshGuardMiss,
  MeshPolicyFact,
  MeshRequestMatch,
  MeshStringMatch,
  ResolvedCall,
  ResolvedGuard,
  ResolvedGuards,
  RpcCallFact,
} from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import { resolveHost, type HostDirectory } from './hosts.js';
import type { ModuleResolver } from './modules.js';

type Kind = keyof CallGuards;
const KINDS: readonly Kind[] = ['timeout', 'breaker', 'retry'];

export interface GuardInput {
  facts: readonly Fact[];
  owners: OwnerOf;
  modules: ModuleResolver;
  hosts: HostDirectory;
}

/** Sets `guards` on every call to a service or external host. */
export function attachGuards(calls: ResolvedCall[], input: GuardInput): void {
  const sites = new Map<string, HttpCallFact | RpcCallFact>();
  const wrappers = new Map<string, GuardWrapperFact>();
  const moduleGuards = new Map<string, Evidence>();
  const mesh = new Map<string, MeshPolicyFact[]>();
  for (const fact of input.facts) {
    if (fact.kind === 'http-call' || fact.kind === 'rpc-call') sites.set(siteKey(fact.location), fact);
    else if (fact.kind === 'guard-wrapper') wrappers.set(`${fact.location.file}\0${fact.name}`, fact);
    else if (fact.kind === 'module-guard') {
      const owner = input.owners(fact.location.file);
      if (owner?.kind === 'service') moduleGuards.set(`${owner.name}\0${fact.client}\0${fact.guard}`, fact.location);
    } else if (fact.kind === 'mesh-policy') {
      // Mesh hosts are often fully qualified (`loyalty.travel.svc.cluster.local`); the first label names the service.
      const host = fact.host.toLowerCase();
      let target = resolveHost(host, null, input.hosts).target;
      if (target.kind !== 'service') target = resolveHost(host.split('.')[0] ?? host, null, input.hosts).target;
      if (target.kind !== 'service') continue;
      mesh.set(target.service, [...(mesh.get(target.service) ?? []), fact]);
    }
  }
  for (const call of calls) {
    const fact = sites.get(siteKey(call.location));
    const guards: ResolvedGuards = { timeout: null, breaker: null, retry: null };
    for (const kind of KINDS) {
      const code = fact?.guards?.[kind] ?? moduleGuards.get(`${call.from}\0${call.client}\0${kind}`) ?? wrapperGuard(fact, kind, wrappers, input.modules);
      if (code) guards[kind] = codeGuard(code);
      else if (call.target.kind === 'service') {
        const found = meshGuard(mesh.get(call.target.service) ?? [], kind, call);
        if ('miss' in found) (guards.meshMiss ??= {})[kind] = found.miss;
        else guards[kind] = found.guard;
      }
    }
    call.guards = guards;
  }
}

function siteKey(location: Evidence): string {
  return `${location.file}\0${location.line}\0${location.column ?? 0}`;
}

function codeGuard(location: Evidence): ResolvedGuard {
  return { layer: 'code', location };
}

/** The mesh guard of a call, or why the target's policies of that kind (if any) do not count for it. */
function meshGuard(policies: readonly MeshPolicyFact[], kind: Kind, call: ResolvedCall): { guard: ResolvedGuard | null } | { miss: MeshGuardMiss } {
  let request: MeshRequest | undefined;
  let miss: MeshGuardMiss | undefined;
  for (const policy of policies) {
    const location = policy[kind];
    if (!location) continue;
    request ??= meshRequest(call);
    const fit = appliesTo(policy, request);
    if (fit === 'yes') return { guard: { layer: 'mesh', location } };
    // The first undecided policy explains best (it may be the one); otherwise the first that surely does not apply.
    if (fit === 'unknown' && miss?.reason !== 'undecided') miss = { reason: 'undecided', location };
    else miss ??= { reason: 'no-match', location };
  }
  return miss === undefined ? { guard: null } : { miss };
}

/** Whether a condition surely holds for a call (`yes`), surely does not (`no`), or cannot be told from the code. */
type Fit = 'yes' | 'no' | 'unknown';

/** What a route condition can see of a call, as literal pieces around its unknown parts (`{…}`); null when not known. */
interface MeshRequest {
  /** The path with its query string (Envoy's prefix match reads the whole `:path`). */
  pathAndQuery: string[] | null;
  /** The path alone (exact and regex matches ignore the query). */
  path: string[] | null;
  method: string[] | null;
}

const HOLE = '{…}';

function meshRequest(call: ResolvedCall): MeshRequest {
  // gRPC and NestJS transports carry no request path in their address; GraphQL's URL is its endpoint.
  const pathAndQuery = call.protocol === 'http' || call.protocol === 'graphql' ? requestTarget(call.url) : null;
  const path = pathAndQuery === null ? null : pathAndQuery.replace(/\?.*$/s, '');
  return {
    pathAndQuery: pathAndQuery?.split(HOLE) ?? null,
    path: path?.split(HOLE) ?? null,
    method: call.protocol === 'http' && call.method !== null ? [call.method.toUpperCase()] : null,
  };
}

/** Path and query of a display URL (`http://orders:3000/a/{…}?x=1#f` → `/a/{…}?x=1`); null without a scheme. */
function requestTarget(url: string): string | null {
  const scheme = url.indexOf('://');
  if (scheme < 0) return null;
  // Display URLs are cut at 200 characters with a trailing `…`: the rest is unknown.
  const shown = url.endsWith('…') && !url.endsWith(HOLE) ? `${url.slice(0, -1)}${HOLE}` : url;
  const rest = shown.slice(scheme + 3);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  let target = end < 0 ? '' : rest.slice(end);
  // An unknown part in the host (`http://orders:3000{…}`) may hold the start of the path too.
  if (authority.includes(HOLE)) target = `${HOLE}${target}`;
  else if (!target.startsWith('/')) target = `/${target}`;
  const fragment = target.indexOf('#');
  return fragment < 0 ? target : target.slice(0, fragment);
}

/**
 * A route policy applies (`yes`) when its own conditions surely fit and no earlier route's can (Istio takes the first
 * that fits); `no` when its conditions surely do not fit or an earlier route's surely do; `unknown` otherwise.
 */
function appliesTo(policy: MeshPolicyFact, request: MeshRequest): Fit {
  const own = policy.match ? anyFits(policy.match, request) : 'yes';
  const earlier = policy.precededBy ? anyFits(policy.precededBy, request) : 'no';
  if (own === 'no' || earlier === 'yes') return 'no';
  return own === 'yes' && earlier === 'no' ? 'yes' : 'unknown';
}

/** A request fits a list of match entries when it fits one of them. */
function anyFits(matches: readonly MeshRequestMatch[], request: MeshRequest): Fit {
  let fit: Fit = 'no';
  for (const match of matches) {
    const one = entryFits(match, request);
    if (one === 'yes') return 'yes';
    if (one === 'unknown') fit = 'unknown';
  }
  return fit;
}

/** A request fits a match entry when it meets every condition. */
function entryFits(match: MeshRequestMatch, request: MeshRequest): Fit {
  const ignoreCase = match.ignoreCase === true;
  const fits: Fit[] = [match.unchecked?.length ? 'unknown' : 'yes'];
  if (match.path) fits.push(stringFits(match.path, 'prefix' in match.path ? request.pathAndQuery : request.path, ignoreCase));
  if (match.method) fits.push(stringFits(match.method, request.method, false));
  return fits.includes('no') ? 'no' : fits.includes('unknown') ? 'unknown' : 'yes';
}

/** Whether a value, known as literal pieces around unknown parts, meets a `StringMatch`. */
function stringFits(condition: MeshStringMatch, value: string[] | null, ignoreCase: boolean): Fit {
  if (value === null) return 'unknown';
  // Istio's `ignoreUriCase` applies to exact and prefix matches only.
  if ('regex' in condition) return regexFits(condition.regex, value);
  const fold = (text: string): string => (ignoreCase ? text.toLowerCase() : text);
  const pieces = value.map(fold);
  return 'prefix' in condition ? prefixFits(fold(condition.prefix), pieces) : exactFits(fold(condition.exact), pieces);
}

function prefixFits(prefix: string, pieces: readonly string[]): Fit {
  const known = pieces[0] ?? '';
  if (known.startsWith(prefix)) return 'yes';
  // `/ord{…}` may or may not continue into `/orders/`.
  return pieces.length > 1 && prefix.startsWith(known) ? 'unknown' : 'no';
}

function exactFits(exact: string, pieces: readonly string[]): Fit {
  if (pieces.length === 1) return exact === pieces[0] ? 'yes' : 'no';
  return canSpell(exact, pieces) ? 'unknown' : 'no';
}

/** Whether `text` could be the value whose literal pieces are `pieces` (unknown parts: any text). */
function canSpell(text: string, pieces: readonly string[]): boolean {
  const first = pieces[0] ?? '';
  const last = pieces.at(-1) ?? '';
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  // Leftmost placement of each middle piece is optimal when the gaps match anything.
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return at <= text.length - last.length;
}

/**
 * A regular expression from the repository is never run (it could backtrack for minutes). Each top-level alternative
 * is read as a literal prefix; `lit.*` is decided like a prefix match, anything else can only be ruled out by its prefix.
 */
function regexFits(regex: string, pieces: readonly string[]): Fit {
  let fit: Fit = 'no';
  for (const alternative of topLevelAlternatives(regex)) {
    const { literal, rest } = literalPrefix(alternative);
    const prefix = prefixFits(literal, pieces);
    const one: Fit = prefix === 'no' ? 'no' : rest === '.*' || rest === '.*$' ? prefix : rest === '' || rest === '$' ? exactFits(literal, pieces) : 'unknown';
    if (one === 'yes') return 'yes';
    if (one === 'unknown') fit = 'unknown';
  }
  return fit;
}

/** The alternatives of a regular expression split at its top-level `|` (outside groups and classes). */
function topLevelAlternatives(regex: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < regex.length; i++) {
    const char = regex[i];
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') {
      inClass = true;
      // A `]` first in a class (after an optional `^`) is a member, not its end.
      if (regex[i + 1] === '^') i++;
      if (regex[i + 1] === ']') i++;
    } else if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === '|' && depth === 0) {
      alternatives.push(regex.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(regex.slice(start));
  return alternatives;
}

/** The literal text a regular expression alternative must start with, and what follows it. */
function literalPrefix(alternative: string): { literal: string; rest: string } {
  let literal = '';
  let i = alternative.startsWith('^') ? 1 : 0;
  while (i < alternative.length) {
    const char = alternative[i] ?? '';
    let text = char;
    let width = 1;
    if (char === '\\') {
      const next = alternative[i + 1] ?? '';
      // `\d`, `\w`, `\b`…: a class or an assertion, not a literal.
      if (!/^[^A-Za-z0-9]$/.test(next)) break;
      text = next;
      width = 2;
    } else if ('.[](){}*+?^$|'.includes(char)) break;
    // A quantified character is optional or repeated: it is not part of the literal prefix.
    const next = alternative[i + width];
    if (next !== undefined && '*+?{'.includes(next)) break;
    literal += text;
    i += width;
  }
  return { literal, rest: alternative.slice(i) };
}

/** The guard an imported wrapper applies (`withBreaker` exported by `@shop/resilience`), found through the module resolver. */
function wrapperGuard(fact: HttpCallFact | RpcCallFact | undefined, kind: Kind, wrappers: ReadonlyMap<string, GuardWrapperFact>, modules: ModuleResolver): Evidence | null {
  if (fact?.kind !== 'http-call') return null;
  for (const ref of fact.wrappers ?? []) {
    const target = modules.resolve(ref.specifier, fact.location.file);
    if (target === null) continue;
    // A package resolves to its entry file or its folder; a re-exporting index leaves the wrapper in a sibling file.
    const folder = target.path.includes('.') ? target.path.slice(0, target.path.lastIndexOf('/') + 1) : `${target.path}/`;
    const wrapper =
      wrappers.get(`${target.path}\0${ref.name}`) ??
      [...wrappers.values()].find((entry) => entry.name === ref.name && entry.location.file.startsWith(folder));
    if (wrapper?.guards.includes(kind)) return ref.location;
  }
  return null;
}
