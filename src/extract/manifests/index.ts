/** The manifest extractors: package.json, workspaces, workspace projects (Nest, Nx), dotenv, compose, Kubernetes, Dockerfile, tsconfig. */
import type { Extractor } from '../../types/index.js';
import { composeExtractor } from './compose.js';
import { dockerfileExtractor } from './dockerfile.js';
import { dotenvExtractor } from './dotenv.js';
import { kubernetesExtractor } from './kubernetes.js';
import { packageJsonExtractor } from './package-json.js';
import { tsconfigExtractor } from './tsconfig.js';
import { workspaceGlobsExtractor } from './workspace-globs.js';
import { workspaceProjectsExtractor } from './workspace-projects.js';

/** Every manifest extractor; their `matches` are disjoint, so a file is read by at most one of them. */
export const manifestExtractors: Extractor[] = [
  packageJsonExtractor,
  workspaceGlobsExtractor,
  workspaceProjectsExtractor,
  dotenvExtractor,
  composeExtractor,
  kubernetesExtractor,
  dockerfileExtractor,
  tsconfigExtractor,
];

export {
  composeExtractor,
  dockerfileExtractor,
  dotenvExtractor,
  kubernetesExtractor,
  packageJsonExtractor,
  tsconfigExtractor,
  workspaceGlobsExtractor,
  workspaceProjectsExtractor,
};
