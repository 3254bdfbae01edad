/** One compose service mapping → its parts (build, image, DNS names, ports, env, env files, depends_on, mounts). */
import type { AnalysisError, BindMount, EnvEntry, PortMapping } from '../../types/index.js';
import type { LineIndex } from '../shared/lines.js';
import { isRemoteRef, resolveFrom } from './paths.js';
import { combine, parseShortPort, rejected, stripProtocol, type PortParse } from './ports.js';
import { extractError, MAX_PORT_RANGE } from './report.js';
import { childOf, entriesOf, itemsOf, textOf, type YNode } from './yaml.js';

/** A service as written, before `extends` is applied. */
export interface ServiceParts {
  buildContext: string | null;
  dockerfile: string | null;
  image: string | null;
  containerName: string | null;
  hostname: string | null;
  aliases: string[];
  ports: PortMapping[];
  environment: EnvEntry[];
  envFiles: string[];
  dependsOn: string[];
  workingDir: string | null;
  bindMounts: BindMount[];
  /** Base service named by `extends` in the same file; null when absent or in another file. */
  extendsService: string | null;
}

/** What the service readers need: where paths are relative to, how to locate and report. */
export interface ServiceContext {
  file: string;
  /** Directory of the compose file, repo-relative. */
  dir: string;
  lines: LineIndex;
  errors: AnalysisError[];
}

/** Reads a service mapping (null for `web:` with no body). */
export function readService(node: YNode, ctx: ServiceContext): ServiceParts {
  const build = readBuild(childOf(node, 'build'), ctx.dir);
  return {
    ...build,
    image: textOf(childOf(node, 'image')),
    containerName: textOf(childOf(node, 'container_name')),
    hostname: textOf(childOf(node, 'hostname')),
    aliases: readAliases(childOf(node, 'networks')),
    ports: readPorts(childOf(node, 'ports'), childOf(node, 'expose'), ctx),
    environment: readEnvironment(childOf(node, 'environment'), ctx),
    envFiles: readEnvFiles(childOf(node, 'env_file'), ctx.dir),
    dependsOn: readDependsOn(childOf(node, 'depends_on')),
    workingDir: textOf(childOf(node, 'working_dir')),
    bindMounts: readBindMounts(childOf(node, 'volumes'), ctx),
    extendsService: readExtends(childOf(node, 'extends')),
  };
}

/** `build: ./dir` or `build: { context, dockerfile }`; the dockerfile is relative to the context. */
function readBuild(node: YNode | undefined, dir: string): { buildContext: string | null; dockerfile: string | null } {
  if (node === undefined) return { buildContext: null, dockerfile: null };
  const short = textOf(node);
  if (node.type === 'scalar') {
    return { buildContext: short === null ? null : resolveFrom(dir, short), dockerfile: null };
  }
  if (node.type !== 'map') return { buildContext: null, dockerfile: null };
  const context = resolveFrom(dir, textOf(childOf(node, 'context')) ?? '.');
  const dockerfile = textOf(childOf(node, 'dockerfile'));
  if (dockerfile === null) return { buildContext: context, dockerfile: null };
  return { buildContext: context, dockerfile: isRemoteRef(context) ? dockerfile : resolveFrom(context, dockerfile) };
}

/** `networks: { backend: { aliases: [...] } }`; the list form carries no aliases. */
function readAliases(node: YNode | undefined): string[] {
  const out: string[] = [];
  for (const network of entriesOf(node)) {
    for (const alias of itemsOf(childOf(network.value, 'aliases'))) {
      const text = textOf(alias);
      if (text !== null) out.push(text);
    }
  }
  return out;
}

/** `ports` (published or not), then `expose` (container ports reachable by other services only). */
function readPorts(ports: YNode | undefined, expose: YNode | undefined, ctx: ServiceContext): PortMapping[] {
  const out: PortMapping[] = [];
  const items = [
    ...itemsOf(ports).map((item) => ({ item, exposeOnly: false })),
    ...itemsOf(expose).map((item) => ({ item, exposeOnly: true })),
  ];
  for (const { item, exposeOnly } of items) {
    const parsed = readPort(item, exposeOnly);
    const at = ctx.lines.position(item.offset);
    if (parsed.problem !== null) {
      const message = `Port mapping is invalid (${parsed.problem}); it was skipped.`;
      ctx.errors.push(extractError(ctx.file, 'invalid-port', message, at));
    }
    if (parsed.truncated) {
      const message = `Port range expands past ${MAX_PORT_RANGE} ports; only the first ${MAX_PORT_RANGE} were kept.`;
      ctx.errors.push(extractError(ctx.file, 'port-range-truncated', message, at));
    }
    for (const port of parsed.ports) {
      if (!out.some((p) => p.published === port.published && p.target === port.target)) out.push(port);
    }
  }
  return out;
}

/** Short syntax (string or number) or long syntax `{ target, published }`; `expose` items never publish. */
function readPort(item: YNode, exposeOnly: boolean): PortParse {
  if (item.type === 'map') {
    const target = textOf(childOf(item, 'target'));
    if (target === null) return rejected('the long syntax has no target');
    return combine(textOf(childOf(item, 'published')) ?? '', stripProtocol(target));
  }
  const text = textOf(item);
  if (text === null) return rejected('the entry is empty');
  return exposeOnly ? combine('', stripProtocol(text)) : parseShortPort(text);
}

/** `environment:` as a list of `KEY=value` / `KEY`, or as a map; values as written, null for YAML null. */
function readEnvironment(node: YNode | undefined, ctx: ServiceContext): EnvEntry[] {
  const out: EnvEntry[] = [];
  if (node?.type === 'seq') {
    for (const item of node.items) {
      const text = textOf(item);
      if (text === null) continue;
      const eq = text.indexOf('=');
      const name = (eq < 0 ? text : text.slice(0, eq)).trim();
      if (name === '') continue;
      const value = eq < 0 ? null : text.slice(eq + 1);
      out.push({ name, value, location: ctx.lines.evidence(ctx.file, item.offset) });
    }
  } else {
    for (const entry of entriesOf(node)) {
      out.push({
        name: entry.key,
        value: textOf(entry.value),
        location: ctx.lines.evidence(ctx.file, entry.keyOffset),
      });
    }
  }
  return out;
}

/** `env_file: a.env`, a list of paths, or list entries `{ path, required }`. */
function readEnvFiles(node: YNode | undefined, dir: string): string[] {
  const items = node?.type === 'seq' ? node.items : node === undefined ? [] : [node];
  const out: string[] = [];
  for (const item of items) {
    const path = item.type === 'map' ? textOf(childOf(item, 'path')) : textOf(item);
    if (path !== null) out.push(resolveFrom(dir, path));
  }
  return out;
}

/**
 * `volumes` entries that mount a relative host path: short `./src:/app[:ro]` (a source starting with `.`, or `$PWD`
 * standing for the compose file's folder) or long `{ type: bind, source, target }`. Named volumes, anonymous ones and
 * absolute or `~` host paths are left out.
 */
function readBindMounts(node: YNode | undefined, ctx: ServiceContext): BindMount[] {
  const out: BindMount[] = [];
  for (const item of itemsOf(node)) {
    let source: string | null;
    let target: string | null;
    if (item.type === 'map') {
      const type = textOf(childOf(item, 'type'));
      source = type === null || type === 'bind' ? textOf(childOf(item, 'source')) : null;
      target = textOf(childOf(item, 'target'));
    } else {
      const parts = (textOf(item) ?? '').split(':');
      source = parts.length >= 2 ? (parts[0] ?? null) : null;
      target = parts[1] ?? null;
    }
    const relative = source === null ? null : relativeHostPath(source.trim());
    if (relative === null || target === null || target.trim() === '') continue;
    out.push({ source: resolveFrom(ctx.dir, relative), target: target.trim(), location: ctx.lines.evidence(ctx.file, item.offset) });
  }
  return out;
}

/** `./x`, `../x`, `.` as written; `$PWD/x` and `${PWD}/x` as `./x`; null for anything else. */
function relativeHostPath(source: string): string | null {
  const pwd = ['${PWD}', '$PWD'].find((prefix) => source === prefix || source.startsWith(`${prefix}/`));
  if (pwd !== undefined) return `.${source.slice(pwd.length)}`;
  return source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../') ? source : null;
}

/** `depends_on` as a list of names or a map of name → condition. */
function readDependsOn(node: YNode | undefined): string[] {
  if (node?.type === 'map') return entriesOf(node).map((entry) => entry.key);
  const out: string[] = [];
  for (const item of itemsOf(node)) {
    const name = textOf(item);
    if (name !== null) out.push(name);
  }
  return out;
}

/** `extends: base` or `extends: { service: base }`; a base in another `file` cannot be read here. */
function readExtends(node: YNode | undefined): string | null {
  if (node?.type === 'scalar') return node.text;
  if (node?.type !== 'map' || childOf(node, 'file') !== undefined) return null;
  return textOf(childOf(node, 'service'));
}
