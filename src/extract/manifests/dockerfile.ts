/** Dockerfiles → DockerfileFact: `EXPOSE` ports and `ENV` entries of every stage. */
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
  };
  return { facts: [fact], errors: collected.errors };
}

/** The Dockerfile extractor. */
export const dockerfileExtractor: Extractor = {
  id: ID,
  matches: isDockerfilePath,
  extract: (file) => guarded(ID, file.path, () => extractDockerfile(file)),
};
