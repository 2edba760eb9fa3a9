import { describe, expect, it } from 'vitest';
import { exposureWarning, isLoopback } from '../../mock-server/cli/exposure-warning.js';
import { spawnCli, waitForLine } from '../support/cli-process.js';

// Finding 3: an open control API on 0.0.0.0 (the image's default) started without a word.
describe('the start-up warning about an open control API', () => {
  it.each(['0.0.0.0', '::', '192.168.1.20', 'mock.example', '[::]'])('is given on %s without a token', (host) => {
    const warning = exposureWarning(host, undefined);
    expect(warning).toContain('--admin-token');
    expect(warning).toContain('MOCK_ADMIN_TOKEN');
  });

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])(
    'is not on loopback %s',
    (host) => {
      expect(isLoopback(host)).toBe(true);
      expect(exposureWarning(host, undefined)).toBeUndefined();
    },
  );

  it('is not given with a token', () => {
    expect(exposureWarning('0.0.0.0', 's3cret')).toBeUndefined();
  });

  it('is not printed by a quiet start on loopback', async () => {
    // Tests bind loopback only; a start on 127.0.0.1 must stay silent on stderr.
    const child = spawnCli(['--port', '0', '--quiet']);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await waitForLine(child, /listening on/);
    child.kill('SIGKILL');
    expect(stderr).not.toContain('WARNING');
  }, 30_000);
});
