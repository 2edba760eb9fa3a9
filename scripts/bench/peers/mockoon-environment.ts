import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PEER_BINS } from './install-peers.js';

interface MockoonResponse {
  statusCode: number;
  default: boolean;
  body: string;
  disableTemplating: boolean;
}
interface MockoonRoute {
  method: string;
  endpoint: string;
  responses: MockoonResponse[];
}

/** Whether a Mockoon endpoint (`v4/contacts/:shortName/tenants/:offset/:count`) matches a concrete path. */
function matches(endpoint: string, concrete: string): boolean {
  const parts = endpoint.split('/');
  const segments = concrete.replace(/^\//, '').split('/');
  return (
    parts.length === segments.length && parts.every((part, index) => part.startsWith(':') || part === segments[index])
  );
}

/**
 * Mockoon's own import of the contract, with each benched route's default 200 answering the mock's
 * bytes as a static body (templating off): Mockoon's import ignores OpenAPI examples and would
 * otherwise template a one-item page from the schema. Returns the environment file written.
 */
export function writeMockoonEnvironment(dir: string, spec: string, answers: ReadonlyMap<string, Buffer>): string {
  const file = path.join(dir, 'mockoon-environment.json');
  const imported = spawnSync(process.execPath, [PEER_BINS.mockoon, 'import', '--input', spec, '--output', file], {
    encoding: 'utf8',
  });
  if (imported.status !== 0) throw new Error(`mockoon-cli import failed:\n${imported.stderr}`);
  const environment = JSON.parse(readFileSync(file, 'utf8')) as { routes: MockoonRoute[] };
  for (const [concrete, body] of answers) {
    // The most literal matching endpoint wins, as in the contract's own routing.
    const literal = (route: MockoonRoute): number =>
      route.endpoint.split('/').filter((part) => !part.startsWith(':')).length;
    const route = environment.routes
      .filter((candidate) => candidate.method === 'get' && matches(candidate.endpoint, concrete))
      .sort((a, b) => literal(b) - literal(a))[0];
    const answer = route?.responses.find((response) => response.statusCode === 200);
    if (!route || !answer) throw new Error(`mockoon environment: no GET route with a 200 for ${concrete}`);
    answer.body = body.toString('utf8');
    answer.disableTemplating = true;
    // Mockoon answers the default response unless a rule matches; make the 200 that one.
    for (const response of route.responses) response.default = response === answer;
  }
  writeFileSync(file, JSON.stringify(environment));
  return file;
}
