import { Agent, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock-server/create-mock-server.js';
import { createMockHttpServer } from '../../mock-server/http/mock-http-server.js';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
afterAll(() => agent.destroy());

/** A GET on the one kept-alive connection: its status and Connection header. */
function send(port: number, path: string): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    get({ agent, port, host: '127.0.0.1', path, headers: { api_key: 'k' } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }));
    }).on('error', reject);
  });
}

// A stop (SIGTERM) tells a kept-alive client to close with its next answer. That answer is often
// written before the connection tracker sees the request (a cached page, a 404): it threw
// "Cannot set headers after they are sent" out of the server, and the process died mid-stop.
describe('a request on a kept-alive connection while the mock stops', () => {
  it.each([
    ['a cached page', '/v4/contacts/demo/tenants/0/2'],
    ['a 404 through Express', '/nowhere'],
  ])('%s is answered with Connection: close, and the stop completes', async (_name, path) => {
    const mock = await createMockServer({ quiet: true });
    const { server, stop } = createMockHttpServer(mock);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await send(port, path);
    await send(port, path); // twice, so a page is in the response cache
    const stopped = new Promise<void>((resolve) => stop(resolve));
    const during = await send(port, path);
    expect(during.connection).toBe('close');
    await stopped;
    await mock.close();
  });
});
