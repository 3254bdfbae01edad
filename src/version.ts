/** archcheck's own version, read from its package.json (found from src/ and from dist/src/ alike). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function toolVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const parsed: unknown = JSON.parse(readFileSync(candidate, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'archcheck' && 'version' in parsed) {
        cached = String(parsed.version);
        return cached;
      }
    }
    dir = dirname(dir);
  }
  cached = '0.0.0';
  return cached;
}
