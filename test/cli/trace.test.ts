/** `--trace from,to`: the explain-edge view of the real pipeline, on fixture systems. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { analyze } from '../../src/index.js';
import { REPO_ROOT } from '../rules/harness.js';

async function trace(path: string, edge: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    cwd: REPO_ROOT,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    writeFile: () => undefined,
  };
  const code = await runCli([path, '--trace', edge, '--no-progress'], io, analyze);
  return { code, stdout, stderr };
}

describe('--trace', () => {
  it('shows each call site with its evidence, the resolution steps, the matched route and the guards on each layer', async () => {
    const { code, stdout } = await trace('fixtures/rules/require-circuit-breaker/valid-breakers-in-code-and-mesh', 'booking,loyalty');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Why booking → loyalty:',
        '  http GET http://loyalty:3000/customers/{…}/points',
        '    at services/booking/src/loyalty.client.ts:3:26 (fetch, confidence resolved)',
        '    code: const response = await fetch(`${process.env.LOYALTY_URL}/customers/${customerId}/points`);',
        '    via env LOYALTY_URL from docker-compose.yml (service booking) (docker-compose.yml:8)',
        '    via host loyalty → service loyalty',
        "    route: services/loyalty/src/main.ts:5 app.get('/customers/:customerId/points', (req, res) => res.json({ points: 0 }));",
        '    timeout: none; breaker: mesh (deploy/istio/loyalty-destination.yaml:12); retry: none',
        '',
      ].join('\n'),
    );
  });

  it('explains an asynchronous link through a topic, and says so when nothing links two services', async () => {
    expect((await trace('fixtures/e2e/events-healthy', 'checkout->shipping')).stdout).toBe(
      [
        'Why checkout → shipping:',
        '  async kafka topic order.placed',
        '    published at apps/checkout/src/events.ts:24 (kafkajs)',
        '    consumed at apps/shipping/src/consumer.ts:42 (kafkajs)',
        '',
      ].join('\n'),
    );
    expect((await trace('fixtures/e2e/events-healthy', 'email,catalog')).stdout).toBe(
      'No edge from email to catalog: no resolved call site or shared topic links them.\n',
    );
  });

  it('rejects a malformed edge as a usage error', async () => {
    const { code, stderr } = await trace('fixtures/e2e/events-healthy', 'checkout');
    expect(code).toBe(2);
    expect(stderr).toContain("option '--trace <from,to>' argument 'checkout' is invalid");
  });
});
