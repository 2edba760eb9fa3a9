import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type Server } from './children.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The compiled CLI, as users run it (`npm run build` first). */
export const MOCK_CLI = path.join(ROOT, 'dist/mock-server/cli/main.js');

/** The mock's CLI arguments: quiet, on loopback, plus whatever the target needs. */
export function mockArgs(port: number, extra: readonly string[] = []): string[] {
  return [MOCK_CLI, '--port', String(port), '--host', '127.0.0.1', '--quiet', ...extra];
}

export function startMock(name: string, extra: readonly string[] = []): Promise<Server> {
  return startServer(name, mockArgs(0, extra));
}
