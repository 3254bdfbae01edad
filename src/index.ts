/** archcheck's programmatic API: `analyze(options): Promise<Result>`. */
import { statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { rules } from '../rules/index.js';
import { enabledRules, runRules } from './check/engine.js';
import { ConfigurationError } from './config/errors.js';
import { loadConfig } from './config/load.js';
import { discoverServices } from './discover/services.js';
import { walkRepository } from './discover/walk.js';
import { extractorsFor, prepareExtractors } from './extract/index.js';
import { buildGraph } from './graph/build.js';
import { derive } from './graph/derive/index.js';
import { extractAll } from './pipeline/extract-all.js';
import { resolve } from './resolve/index.js';
import { assembleResult } from './result/assemble.js';
import { score } from './score/index.js';
import type { AnalyzeOptions, Progress, Result } from './types/index.js';
import { toolVersion } from './version.js';

export type * from './types/index.js';
export { ConfigurationError } from './config/errors.js';
export { rules } from '../rules/index.js';

export async function analyze(options: AnalyzeOptions): Promise<Result> {
  // The budget counts from the call, so a slow walk of a huge tree also spends it.
  const startedAt = Date.now();
  const root = resolvePath(options.root);
  if (!isDirectory(root)) throw new ConfigurationError(`${options.root} is not a directory`);
  const progress = (update: Progress): void => {
    try {
      options.onProgress?.(update);
    } catch {
      // A progress callback must never break an analysis.
    }
  };
  const { config, source: configSource } = loadConfig(root, options.configFile);
  const enabled = enabledRules(rules, config);

  progress({ stage: 'walk', done: 0, total: 0 });
  const walked = walkRepository(root, {
    ignore: config.ignore,
    isWanted: (path) => extractorsFor(path).length > 0,
  });
  await prepareExtractors();
  const extracted = await extractAll(root, walked.files, config.maxFileSize, progress, {
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.fileTimeoutMs === undefined ? {} : { fileTimeoutMs: options.fileTimeoutMs }),
    startedAt,
    now: Date.now,
  });

  progress({ stage: 'discover', done: 0, total: 0 });
  const discovered = discoverServices({
    facts: extracted.facts,
    files: walked.files,
    config,
    ...(configSource === null ? {} : { configFile: configSource }),
  });

  progress({ stage: 'resolve', done: 0, total: 0 });
  const model = resolve({
    facts: extracted.facts,
    inventory: discovered.inventory,
    files: walked.files,
    filesByKind: extracted.filesByKind,
  });

  try {
    options.onModel?.(model);
  } catch {
    // Like progress, an observer must never break an analysis.
  }

  progress({ stage: 'graph', done: 0, total: 0 });
  const graph = buildGraph(model);
  const archGraph = { graph, derived: derive(graph), model };

  progress({ stage: 'check', done: 0, total: 0 });
  const checked = runRules(archGraph, enabled);

  progress({ stage: 'score', done: 0, total: 0 });
  return assembleResult({
    version: toolVersion(),
    model,
    findings: checked.findings,
    errors: [...walked.errors, ...extracted.errors, ...discovered.errors, ...checked.errors],
    rules,
    score: score(),
    skippedFiles: extracted.skipped,
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
