#!/usr/bin/env node
// Generates a synthetic multi-service TypeScript repository for measuring archcheck:
//   node bench/generate-repo.mjs <out-dir> [files=5000] [services=20]
// Services call each other through axios instances, fetch and config modules, import shared libraries, and carry
// the manifests archcheck reads (workspaces, compose, Dockerfiles, .env). Deterministic: same arguments, same tree.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out, filesArg = '5000', servicesArg = '20'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node bench/generate-repo.mjs <out-dir> [files] [services]');
  process.exit(2);
}
const totalFiles = Number(filesArg);
const serviceCount = Number(servicesArg);
const services = Array.from({ length: serviceCount }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
const perService = Math.floor((totalFiles - 10) / (serviceCount + 1));

rmSync(out, { recursive: true, force: true });
const write = (path, text) => {
  mkdirSync(join(out, path, '..'), { recursive: true });
  writeFileSync(join(out, path), text);
};

write('package.json', JSON.stringify({ name: 'bench-repo', private: true, workspaces: ['services/*', 'packages/*'] }, null, 2));
write('tsconfig.base.json', JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@bench/shared/*': ['packages/shared/src/*'] } } }, null, 2));
const compose = ['services:'];
services.forEach((name, i) => {
  const next = services[(i + 1) % serviceCount];
  compose.push(`  ${name}:`, `    build: ./services/${name}`, `    ports:`, `      - "${4000 + i}:3000"`, `    environment:`, `      NEXT_URL: http://${next}:3000`);
});
write('docker-compose.yml', compose.join('\n') + '\n');
write('packages/shared/package.json', JSON.stringify({ name: '@bench/shared', version: '1.0.0' }));

let fileIndex = 0;
const sharedFiles = perService;
for (let f = 0; f < sharedFiles; f++) {
  write(`packages/shared/src/util-${f}.ts`, utilModule(f));
  fileIndex++;
}
services.forEach((name, i) => {
  const root = `services/${name}`;
  write(`${root}/package.json`, JSON.stringify({ name: `@bench/${name}`, scripts: { start: 'node dist/main.js' }, dependencies: { express: '^4', axios: '^1' } }));
  write(`${root}/Dockerfile`, 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "dist/main.js"]\n');
  write(`${root}/.env`, `NEXT_URL=http://localhost:${4000 + ((i + 1) % serviceCount)}\nPORT=3000\n`);
  write(`${root}/tsconfig.json`, JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }));
  write(`${root}/src/config.ts`, `export const config = {\n  port: Number(process.env.PORT ?? 3000),\n  next: { url: process.env.NEXT_URL ?? 'http://localhost:3000' },\n};\n`);
  write(`${root}/src/main.ts`, mainModule());
  for (let f = 0; f < perService - 3; f++) {
    write(`${root}/src/features/feature-${f}.ts`, featureModule(f, sharedFiles));
    fileIndex++;
  }
});
console.log(`wrote ${fileIndex + services.length * 7 + 4} files to ${out}`);

function mainModule() {
  return `import express from 'express';
import axios from 'axios';
import { config } from './config';

const next = axios.create({ baseURL: config.next.url, timeout: 2000 });
const app = express();
app.use(express.json());

app.get('/health', (_req, res) => res.json({ ok: true }));
app.get('/items/:id', async (req, res) => {
  const { data } = await next.get(\`/items/\${req.params.id}\`);
  res.json({ id: req.params.id, upstream: data });
});

app.listen(config.port);
`;
}

function featureModule(f, sharedCount) {
  const shared = f % sharedCount;
  return `import { formatValue${shared} } from '@bench/shared/util-${shared}';
import type { Request, Response } from 'express';

export interface Feature${f}Input {
  id: string;
  amount: number;
  tags: string[];
}

const LIMIT = ${100 + f};

export function validate${f}(input: Feature${f}Input): string[] {
  const problems: string[] = [];
  if (!input.id) problems.push('id is required');
  if (input.amount > LIMIT) problems.push(\`amount over \${LIMIT}\`);
  for (const tag of input.tags) if (tag.length > 32) problems.push(\`tag \${tag} too long\`);
  return problems;
}

export async function handle${f}(req: Request, res: Response): Promise<void> {
  const input = req.body as Feature${f}Input;
  const problems = validate${f}(input);
  if (problems.length > 0) {
    res.status(400).json({ problems });
    return;
  }
  const summary = input.tags.map((tag) => tag.toUpperCase()).join(',');
  res.json({ id: input.id, value: formatValue${shared}(input.amount), summary });
}
`;
}

function utilModule(f) {
  return `export function formatValue${f}(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value * ${f + 1});
}

export const DEFAULTS_${f} = { retries: ${f % 5}, label: 'util-${f}' } as const;
`;
}
