import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_NODE_FLAGS } from '../../mock-server/cli/heap-bounds.js';
import { startServer, type Server } from './children.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The compiled CLI, as users run it (`npm run build` first). */
export const MOCK_CLI = path.join(ROOT, 'dist/mock-server/cli/main.js');

/** The mock's node arguments as it ships (its node flags), quiet, on loopback, plus what the target needs. */
export function mockArgs(port: number, extra: readonly string[] = []): string[] {
  return [...MOCK_NODE_FLAGS, MOCK_CLI, '--port', String(port), '--host', '127.0.0.1', '--quiet', ...extra];
}

export function startMock(name: string, extra: readonly string[] = []): Promise<Server> {
  return startServer(name, mockArgs(0, extra));
}
