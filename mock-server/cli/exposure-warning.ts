import { isIP } from 'node:net';

/** Whether a bind address only takes connections from this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * The start-up warning for an open control API on a reachable address: without a token anyone
 * who can reach the port can reset the mock, grant consent (and so read a person's e-mail), write
 * values without an API key, and confirm key guesses. It stays open by default because the image,
 * compose files and test kits rely on it; this says so loudly instead.
 */
export function exposureWarning(host: string, adminToken: string | undefined): string | undefined {
  if (adminToken !== undefined || isLoopback(host)) return undefined;
  return (
    `WARNING: the control API (/__mock) is open to anyone who can reach ${host}: ` +
    'they can reset the mock, grant consent and read personal data, write values without an API key, ' +
    'and confirm API key guesses. Set --admin-token <token> (or MOCK_ADMIN_TOKEN) to require ' +
    'Authorization: Bearer <token> on /__mock.'
  );
}
