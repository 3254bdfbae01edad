import { it } from "vitest";
import { analyze } from '../../src/index.js';
it.skipIf(!process.env.ROOT)('dump', async () => {
  const root = process.env.ROOT ?? '';
  const result = await analyze({ root });
  console.log(JSON.stringify({ databases: result.databases, errors: result.errors, findings: result.findings.map(f => [f.ruleId, f.location.file, f.location.line, f.severity, f.message]), dbEdges: result.edges.filter(e => e.kind === 'database').map(e => [e.from, e.to, e.locations.map(l => `${l.file}:${l.line}`).join(' ')]) }, null, 1));
}, 60000);
