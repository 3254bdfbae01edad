/** Builders for hand-written facts in discovery tests: only what a test cares about is spelled out. */
import type {
  ComposeServiceFact,
  DockerfileFact,
  K8sServiceFact,
  K8sWorkloadFact,
  DeclaredProject,
  PackageFact,
  WorkspaceGlobsFact,
  WorkspaceProjectsFact,
} from '../../src/types/index.js';

const fileIn = (dir: string, name: string): string => (dir === '.' ? name : `${dir}/${name}`);

export function pkg(dir: string, name: string | null, extra: Partial<PackageFact> = {}): PackageFact {
  return {
    kind: 'package',
    extractor: 'package-json',
    location: { file: fileIn(dir, 'package.json'), line: 1 },
    dir,
    name,
    private: true,
    workspaces: [],
    dependencies: [],
    devDependencies: [],
    scripts: {},
    main: null,
    hasBin: false,
    ...extra,
  };
}

/** A package with a server framework and a start script. */
export function server(dir: string, name: string | null, framework = 'express'): PackageFact {
  return pkg(dir, name, { dependencies: [framework], scripts: { start: 'node dist/main.js' } });
}

export function globs(dir: string, file: string, list: string[]): WorkspaceGlobsFact {
  return { kind: 'workspace-globs', extractor: 'workspace', location: { file, line: 1 }, dir, globs: list };
}

/** A declared project, at `line` of its declaring file with the snippet `"<name>": {`. */
export function project(name: string | null, root: string, kind: DeclaredProject['kind'], file: string, line: number): DeclaredProject {
  return { name, root, kind, location: { file, line, column: 5, snippet: `"${name ?? root}": {` } };
}

/** A nest-cli.json / workspace.json / nx.json (`workspaceRoot`) or project.json fact. */
export function projects(file: string, list: DeclaredProject[], workspaceRoot = true): WorkspaceProjectsFact {
  const slash = file.lastIndexOf('/');
  const dir = slash < 0 ? '.' : file.slice(0, slash);
  return { kind: 'workspace-projects', extractor: 'workspace-projects', location: { file, line: 1 }, dir, workspaceRoot, projects: list };
}

/** A Dockerfile in `dir`; `baseImages` are its stages' resolved `FROM` images (none spelled out by default). */
export function dockerfile(dir: string, baseImages: (string | null)[] = [], name = 'Dockerfile'): DockerfileFact {
  return { kind: 'dockerfile', extractor: 'dockerfile', location: { file: fileIn(dir, name), line: 1 }, dir, exposes: [], environment: [], baseImages };
}

export function compose(name: string, line: number, extra: Partial<ComposeServiceFact> = {}): ComposeServiceFact {
  return {
    kind: 'compose-service',
    extractor: 'compose',
    location: { file: 'docker-compose.yml', line, snippet: `${name}:` },
    name,
    buildContext: null,
    dockerfile: null,
    image: null,
    hostnames: [],
    ports: [],
    environment: [],
    envFiles: [],
    dependsOn: [],
    workingDir: null,
    bindMounts: [],
    ...extra,
  };
}

export function workload(
  name: string,
  namespace: string,
  images: string[],
  labels: Record<string, string>,
  file: string,
  line = 1,
): K8sWorkloadFact {
  return {
    kind: 'k8s-workload',
    extractor: 'k8s',
    location: { file, line },
    workloadKind: 'Deployment',
    name,
    namespace,
    podLabels: labels,
    containers: images.map((image, index) => ({ name: `c${index}`, image, ports: [], env: [], envFrom: [] })),
  };
}

export function k8sService(name: string, namespace: string, selector: Record<string, string>, file: string): K8sServiceFact {
  return {
    kind: 'k8s-service',
    extractor: 'k8s',
    location: { file, line: 1 },
    name,
    namespace,
    serviceType: 'ClusterIP',
    selector,
    ports: [{ port: 80, targetPort: 3000, nodePort: null }],
  };
}
