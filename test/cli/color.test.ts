import { describe, expect, it } from 'vitest';
import { decideColor, decideProgress, type ColorInput } from '../../src/cli/color.js';
import { run } from './harness.js';

const base: ColorInput = { flag: undefined, format: 'text', toFile: false, env: {}, stdoutIsTTY: false };

describe('decideColor', () => {
  it.each<[string, Partial<ColorInput>, boolean]>([
    ['TTY', { stdoutIsTTY: true }, true],
    ['pipe', { stdoutIsTTY: false }, false],
    ['--color on a pipe', { flag: true }, true],
    ['--no-color on a TTY', { flag: false, stdoutIsTTY: true }, false],
    ['--color beats NO_COLOR', { flag: true, env: { NO_COLOR: '1' } }, true],
    ['--no-color beats FORCE_COLOR', { flag: false, env: { FORCE_COLOR: '1' } }, false],
    ['NO_COLOR on a TTY', { env: { NO_COLOR: '1' }, stdoutIsTTY: true }, false],
    ['empty NO_COLOR is ignored', { env: { NO_COLOR: '' }, stdoutIsTTY: true }, true],
    ['NO_COLOR beats FORCE_COLOR', { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }, false],
    ['FORCE_COLOR on a pipe', { env: { FORCE_COLOR: '1' } }, true],
    ['FORCE_COLOR=3 on a pipe', { env: { FORCE_COLOR: '3' } }, true],
    ['FORCE_COLOR=0 on a TTY', { env: { FORCE_COLOR: '0' }, stdoutIsTTY: true }, false],
    ['json never', { format: 'json', flag: true, stdoutIsTTY: true, env: { FORCE_COLOR: '1' } }, false],
    ['file never', { toFile: true, flag: true, stdoutIsTTY: true }, false],
  ])('%s → %s', (_case, input, expected) => {
    expect(decideColor({ ...base, ...input })).toBe(expected);
  });
});

describe('decideProgress', () => {
  it.each<[boolean, boolean, Record<string, string>, boolean]>([
    [true, true, {}, true],
    [true, false, {}, false],
    [false, true, {}, false],
    [true, true, { CI: 'true' }, false],
    [true, true, { CI: '' }, true],
  ])('flag %s, stderr TTY %s, env %j → %s', (flag, stderrIsTTY, env, expected) => {
    expect(decideProgress({ flag, stderrIsTTY, env })).toBe(expected);
  });
});

describe('color end to end', () => {
  it('colors the text report on a TTY', async () => {
    const { stdout } = await run([], { io: { stdoutIsTTY: true } });
    expect(stdout).toContain('\u001b[31m');
  });

  it('does not color when piped', async () => {
    const { stdout } = await run([]);
    expect(stdout).not.toContain('\u001b');
  });

  it('follows NO_COLOR and --color', async () => {
    expect((await run([], { io: { stdoutIsTTY: true, env: { NO_COLOR: '1' } } })).stdout).not.toContain('\u001b');
    expect((await run(['--color'], { io: { env: { NO_COLOR: '1' } } })).stdout).toContain('\u001b[');
  });

  it('never colors JSON', async () => {
    const { stdout } = await run(['-f', 'json', '--color'], { io: { stdoutIsTTY: true } });
    expect(stdout).not.toContain('\u001b');
  });
});
