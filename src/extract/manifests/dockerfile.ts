/** Dockerfiles → DockerfileFact: `EXPOSE` ports and `ENV` entries of every stage, and each stage's base image. */
import { isBlank } from './chars.js';
import type {
  AnalysisError,
  DockerfileFact,
  EnvEntry,
  Extractor,
  ExtractOutput,
  SourceFile,
} from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { readInstructions, type Instruction } from './dockerfile-lines.js';
import { baseName, dirOf } from './paths.js';
import { parseRange, stripProtocol } from './ports.js';
import { extractError, guarded, MAX_PORT_RANGE } from './report.js';

const ID = 'dockerfile';

/** `Dockerfile`, `Dockerfile.dev`, `api.Dockerfile`, `api.dockerfile`, `Containerfile`. */
export function isDockerfilePath(path: string): boolean {
  const base = baseName(path);
  // `Dockerfile.dockerignore` is the per-Dockerfile ignore list, not a Dockerfile.
  if (base.endsWith('.dockerignore')) return false;
  for (const name of ['Dockerfile', 'dockerfile', 'Containerfile']) {
    if (base === name || base.startsWith(`${name}.`)) return true;
  }
  return base.endsWith('.Dockerfile') || base.endsWith('.dockerfile');
}

/** A shell-like word: its raw text and where it starts in the instruction's arguments. */
interface Word {
  raw: string;
  start: number;
}

/** Splits arguments on unquoted blanks; quotes stay in `raw` (removed later by {@link unquote}). */
function words(args: string, escape: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < args.length) {
    while (i < args.length && isBlank(args[i])) i++;
    if (i >= args.length) break;
    const start = i;
    let quote = '';
    while (i < args.length && (quote !== '' || !isBlank(args[i]))) {
      const c = args[i];
      if (c === escape && quote !== "'") i++;
      else if (quote === '' && (c === '"' || c === "'")) quote = c;
      else if (c === quote) quote = '';
      i++;
    }
    out.push({ raw: args.slice(start, Math.min(i, args.length)), start });
  }
  return out;
}

/** Removes quotes and escapes as the Dockerfile shell lexer does; `$VAR` stays as written. */
function unquote(raw: string, escape: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (quote === '' && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = '';
    else if (c === escape && quote !== "'" && i + 1 < raw.length) {
      const next = raw[i + 1] ?? '';
      // Inside double quotes only a few characters are escapable; before others the escape stays.
      if (quote === '"' && next !== '"' && next !== escape && next !== '$') out += c;
      out += next;
      i++;
    } else out += c;
  }
  return out;
}


interface Collected {
  exposes: number[];
  environment: EnvEntry[];
  errors: AnalysisError[];
}

/** `ENV A=b C="d e"` (every word a pair) or legacy `ENV A b c` (one name, the rest is the value). */
function readEnv(ins: Instruction, file: string, lines: LineIndex, into: Collected): void {
  const list = words(ins.args, ins.escape);
  const first = list[0];
  if (first === undefined) return;
  const at = (index: number): number => ins.argOffsets[index] ?? ins.offset;
  if (!first.raw.includes('=')) {
    const valueStart = list[1]?.start;
    if (valueStart === undefined) {
      const message = 'ENV has a name but no value; it was skipped.';
      into.errors.push(extractError(file, 'invalid-dockerfile', message, lines.position(ins.offset)));
      return;
    }
    const value = unquote(ins.args.slice(valueStart).trim(), ins.escape);
    const name = unquote(first.raw, ins.escape);
    into.environment.push({ name, value, location: lines.evidence(file, at(first.start)) });
    return;
  }
  for (const word of list) {
    const eq = word.raw.indexOf('=');
    const name = eq > 0 ? unquote(word.raw.slice(0, eq), ins.escape) : '';
    if (name === '') {
      const message = 'ENV word is not a NAME=value pair; it was skipped.';
      into.errors.push(extractError(file, 'invalid-dockerfile', message, lines.position(at(word.start))));
      continue;
    }
    const value = unquote(word.raw.slice(eq + 1), ins.escape);
    into.environment.push({ name, value, location: lines.evidence(file, at(word.start)) });
  }
}

/** `EXPOSE 3000 8080/tcp 9000-9002`; `${PORT}` is a build argument and is skipped. */
function readExpose(ins: Instruction, file: string, lines: LineIndex, into: Collected): void {
  for (const word of words(ins.args, ins.escape)) {
    const range = parseRange(stripProtocol(unquote(word.raw, ins.escape)));
    const at = lines.position(ins.argOffsets[word.start] ?? ins.offset);
    if (range === 'variable') continue;
    if (range === 'invalid') {
      into.errors.push(extractError(file, 'invalid-dockerfile', 'EXPOSE value is not a port; it was skipped.', at));
      continue;
    }
    const count = range.to - range.from + 1;
    if (count > MAX_PORT_RANGE) {
      const message = `EXPOSE range expands past ${MAX_PORT_RANGE} ports; only the first ${MAX_PORT_RANGE} were kept.`;
      into.errors.push(extractError(file, 'port-range-truncated', message, at));
    }
    for (let k = 0; k < Math.min(count, MAX_PORT_RANGE); k++) {
      if (!into.exposes.includes(range.from + k)) into.exposes.push(range.from + k);
    }
  }
}

/**
 * The base image of every `FROM`, in order: flags skipped, a stage name followed to that stage's image, `$NAME`,
 * `${NAME}` and `${NAME:-default}` expanded with the defaults of `ARG`s declared before the first `FROM` (the only
 * ones `FROM` sees). Null when the repository part of the name still holds a variable.
 */
function baseImages(instructions: Instruction[]): (string | null)[] {
  const args = new Map<string, string>();
  const stages = new Map<string, string | null>();
  const out: (string | null)[] = [];
  for (const ins of instructions) {
    const globalArg = ins.keyword === 'ARG' && out.length === 0;
    if (!globalArg && ins.keyword !== 'FROM') continue;
    const list = words(ins.args, ins.escape).map((word) => unquote(word.raw, ins.escape));
    if (globalArg) {
      for (const word of list) {
        const eq = word.indexOf('=');
        if (eq > 0) args.set(word.slice(0, eq), word.slice(eq + 1));
      }
      continue;
    }
    const [written, as, stage] = list.filter((word) => !word.startsWith('--'));
    const image = written === undefined ? null : expandArgs(written, args);
    const resolved = image === null ? null : stages.has(image.toLowerCase()) ? (stages.get(image.toLowerCase()) ?? null) : image;
    out.push(resolved === null || repositoryOf(resolved).includes('$') ? null : resolved);
    if (as?.toLowerCase() === 'as' && stage !== undefined) stages.set(stage.toLowerCase(), out[out.length - 1] ?? null);
  }
  return out;
}

/** Replaces build-argument references whose value is known; the others stay as written. */
function expandArgs(text: string, args: Map<string, string>): string {
  return text.replace(
    /\$\{(\w+)(:?-([^}]*))?\}|\$(\w+)/g,
    (whole: string, braced: string | undefined, fallback: string | undefined, fallbackValue: string | undefined, bare: string | undefined) => {
      const value = args.get(braced ?? bare ?? '');
      if (value !== undefined && value !== '') return value;
      return fallback !== undefined ? (fallbackValue ?? '') : whole;
    },
  );
}

/** `registry:5000/team/app:1.2@sha256:…` → `registry:5000/team/app`. */
function repositoryOf(image: string): string {
  const name = image.split('@')[0] ?? '';
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

function extractDockerfile(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  const instructions = readInstructions(file.text);
  const collected: Collected = { exposes: [], environment: [], errors: [] };
  for (const ins of instructions) {
    if (ins.keyword === 'ENV') readEnv(ins, file.path, lines, collected);
    else if (ins.keyword === 'EXPOSE') readExpose(ins, file.path, lines, collected);
  }
  const from = instructions.find((ins) => ins.keyword === 'FROM');
  const fact: DockerfileFact = {
    kind: 'dockerfile',
    extractor: ID,
    location: lines.evidence(file.path, from?.offset ?? 0),
    dir: dirOf(file.path),
    exposes: collected.exposes,
    environment: collected.environment,
    baseImages: baseImages(instructions),
  };
  return { facts: [fact], errors: collected.errors };
}

/** The Dockerfile extractor. */
export const dockerfileExtractor: Extractor = {
  id: ID,
  matches: isDockerfilePath,
  extract: (file) => guarded(ID, file.path, () => extractDockerfile(file)),
};
