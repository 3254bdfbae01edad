/** Finds, parses and validates the archcheck config file. Config is data: never executed. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, type ArchcheckConfig } from './schema.js';
import { ConfigurationError } from './errors.js';

/** Names looked up in the analyzed root, in this order. */
export const CONFIG_FILE_NAMES = [
  'archcheck.config.json',
  '.archcheckrc.json',
  '.archcheckrc.yaml',
  '.archcheckrc.yml',
] as const;

export interface LoadedConfig {
  config: ArchcheckConfig;
  /** Repo-relative or absolute path of the file it came from; null when defaults were used. */
  source: string | null;
}

/** Loads `explicitFile` when given, else the first config file found in `root`, else defaults. */
export function loadConfig(root: string, explicitFile?: string): LoadedConfig {
  if (explicitFile !== undefined) {
    const path = resolve(explicitFile);
    if (!existsSync(path)) throw new ConfigurationError(`config file ${explicitFile} does not exist`);
    return { config: validate(parseFile(path, explicitFile), explicitFile), source: explicitFile };
  }
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(root, name);
    if (existsSync(path)) return { config: validate(parseFile(path, name), name), source: name };
  }
  const fromPackage = readPackageJsonSection(join(root, 'package.json'));
  if (fromPackage !== undefined) {
    return { config: validate(fromPackage, 'package.json#archcheck'), source: 'package.json#archcheck' };
  }
  return { config: configSchema.parse({}), source: null };
}

function parseFile(path: string, shown: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigurationError(`${shown} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${messageOf(error)}`);
  }
}

/** `package.json#archcheck`; a broken package.json is the extractors' to report, not a config error. */
function readPackageJsonSection(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'archcheck' in parsed) return parsed.archcheck;
  } catch {
    return undefined;
  }
  return undefined;
}

function validate(raw: unknown, shown: string): ArchcheckConfig {
  const parsed = configSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  throw new ConfigurationError(`${shown} is invalid: ${issues}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
}
