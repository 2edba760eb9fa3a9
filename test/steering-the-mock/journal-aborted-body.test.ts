import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, oid } from '../support/contact-routes.js';
import { fieldOfType } from '../support/custom-field-catalogue.js';
import { startMock, type MockClient } from '../support/mock-client.js';

const KEY = 'aborted-body-key';
let client: MockClient;
beforeAll(async () => {
  client = await startMock({ apiKeys: [KEY], clockFrozen: true });
});
afterAll(() => client.close());

const journal = async (): Promise<{ method: string; status: number }[]> =>
  ((await (await fetch(`${client.baseUrl}/__mock/requests`)).json()) as { Data: { method: string; status: number }[] })
    .Data;

// A client that gives up part-way through a POST body still made a request: the journal (which a
// grader reads) must list it. Answered after body-parser's callback had returned, through a
// promise, it came too late: Node had destroyed the response, nothing wrote a head, no entry.
describe('a POST whose body never fully arrives', () => {
  it('is journalled, as the 400 body-parser reports', async () => {
    const catalogue: unknown = await (await fetch(`${client.baseUrl}/__mock/customfields`)).json();
    const path = `${BASE}/company/objects/${oid('TEN', 2)}/${fieldOfType(catalogue, 'Text')}/customfield`;
    const { port } = new URL(client.baseUrl);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: x\r\napi_key: ${KEY}\r\nContent-Type: application/json\r\n` +
            'Content-Length: 50\r\n\r\n{"Value":',
        );
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    let entries: { method: string; status: number }[] = [];
    for (let attempt = 0; attempt < 40 && entries.length === 0; attempt++) {
      entries = (await journal()).filter((entry) => entry.method === 'POST');
      if (entries.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(entries.map(({ method, status }) => ({ method, status }))).toEqual([{ method: 'POST', status: 400 }]);
  });
});
