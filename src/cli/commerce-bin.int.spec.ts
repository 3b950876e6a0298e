import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/commerce.js', import.meta.url));
const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(bin, args, { env: { ...process.env, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

/** The installed entry point, as a shell runs it: exit codes are what scripts and CI look at. */
describe('the commerce bin', () => {
  it('prints help with examples and exits 0', async () => {
    const result = await run('projections', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:\n  $ commerce projections status');
  });

  it('answers a bad argument with one line on stderr and exit code 2', async () => {
    const result = await run('projections', 'rebuild', 'no-such-projection');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: unknown projection "no-such-projection" \(known: .*, or all\)$/)]);
  });

  it('answers a bad configuration with one line and exit code 2', async () => {
    const result = await promisify(execFile)(bin, ['projections', 'status'], { env: { ...process.env, EVENT_STORE: 'postgres', DATABASE_URL: '' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(result).toMatchObject({ code: 2, stderr: 'error: invalid configuration: DATABASE_URL is required when EVENT_STORE=postgres\n' });
  });
});
