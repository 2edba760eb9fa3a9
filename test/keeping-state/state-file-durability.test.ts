import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { StateFile } from '../../mock-server/state/state-file.js';
import { BASE, recordPath, routeOfOid, oid } from '../support/contact-routes.js';
import type { Contact, CustomFieldValue, PersonContact } from '../support/contract-types.js';
import { exitOf, spawnCli, waitForLine } from '../support/cli-process.js';
import { refusedStart } from '../support/refused-start.js';
import { personalDataPaths, presentPersonalData } from '../support/personal-data-paths.js';

const API_KEY = 'anything';
const children = new Set<ChildProcess>();
const directories: string[] = [];

afterEach(async () => {
  // Whatever a failed test left running is killed here, so no mock outlives its test.
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exitOf(child);
  }
  children.clear();
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

function tempStateFile(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-state-'));
  directories.push(directory);
  return path.join(directory, 'state.json');
}

interface RunningMock {
  readonly child: ChildProcess;
  readonly url: string;
}

async function startMock(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<RunningMock> {
  const child = spawnCli(['--port', '0', '--quiet', ...args], env);
  children.add(child);
  const [, url] = (await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/)) as RegExpMatchArray;
  return { child, url: url as string };
}

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI until it exits; one that starts listening instead is killed, so the test fails fast. */
function runUntilExit(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Finished> {
  const child = spawnCli(['--port', '0', '--quiet', ...args], env);
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (/listening on/.test(stdout)) child.kill('SIGKILL');
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const valuePath = (objectId: string, fieldId: string) => `${BASE}/company/objects/${objectId}/${fieldId}/value`;
const postPath = (objectId: string, fieldId: string) => `${BASE}/company/objects/${objectId}/${fieldId}/customfield`;

function get<T>(url: string, route: string): Promise<{ status: number; body: T }> {
  return request(url)
    .get(route)
    .set('api_key', API_KEY)
    .then((response) => ({ status: response.status, body: response.body as T }));
}

function postValue(url: string, objectId: string, fieldId: string, value: string): Promise<number> {
  return request(url)
    .post(postPath(objectId, fieldId))
    .set('api_key', API_KEY)
    .send({ Value: value })
    .then((response) => response.status);
}

async function stop(mock: RunningMock): Promise<void> {
  mock.child.kill('SIGTERM');
  expect(await exitOf(mock.child)).toEqual({ code: 0, signal: null });
}

describe('--state-file keeps custom field values and consent overrides', () => {
  it('across a clean restart (SIGTERM, then start again with MOCK_STATE_FILE)', async () => {
    const stateFile = tempStateFile();
    let mock = await startMock(['--state-file', stateFile]);

    // Two Text values (the CRM reference every contact has), each different from the seeded one.
    const initial = await get<CustomFieldValue>(mock.url, valuePath(`${oid('TEN', 1)}`, `${oid('CF', 0)}`));
    const listValue = `changed ${String(initial.body)}`;
    const textValue = 'kept across restarts — «ünïcode»';
    expect(await postValue(mock.url, `${oid('TEN', 1)}`, `${oid('CF', 0)}`, listValue)).toBe(200);
    expect(await postValue(mock.url, `${oid('TEN', 2)}`, `${oid('CF', 0)}`, textValue)).toBe(200);

    // A tenant who consented, and every role their person holds, taken before the override.
    let tenant: Contact | undefined;
    for (let index = 0; index < 20 && !tenant?.ThirdPartyMarketingConsent; index++) {
      const id = oid('TEN', index);
      tenant = (await get<Contact>(mock.url, recordPath(routeOfOid(id), id))).body;
    }
    expect(tenant?.ThirdPartyMarketingConsent).toBe(true);
    const personId = (tenant as Contact).PersonID;
    const roles = (await get<PersonContact[]>(mock.url, `${BASE}/person/${personId}/personcontacts`)).body;
    expect(roles.map((role) => role.OID)).toContain((tenant as Contact).OID);

    const put = await request(mock.url)
      .put(`/__mock/people/${personId}/consent`)
      .set('api_key', API_KEY)
      .send({ ThirdPartyMarketing: false });
    expect(put.status).toBeGreaterThanOrEqual(200);
    expect(put.status).toBeLessThan(300);
    await stop(mock);

    // The file holds what was acknowledged, in the DurableState shape.
    const saved = new StateFile(stateFile).load();
    expect(saved.customFieldValues).toContainEqual({
      agency: 'demo',
      objectId: `${oid('TEN', 1)}`,
      fieldId: `${oid('CF', 0)}`,
      value: listValue,
    });
    expect(saved.customFieldValues).toContainEqual({
      agency: 'demo',
      objectId: `${oid('TEN', 2)}`,
      fieldId: `${oid('CF', 0)}`,
      value: textValue,
    });
    expect(saved.consentOverrides).toContainEqual({ agency: 'demo', personId, consented: false, day: 0 });

    mock = await startMock([], { MOCK_STATE_FILE: stateFile });
    expect((await get<CustomFieldValue>(mock.url, valuePath(`${oid('TEN', 1)}`, `${oid('CF', 0)}`))).body).toBe(
      listValue,
    );
    expect((await get<CustomFieldValue>(mock.url, valuePath(`${oid('TEN', 2)}`, `${oid('CF', 0)}`))).body).toBe(
      textValue,
    );
    for (const role of roles) {
      const route = routeOfOid(role.OID);
      const { status, body } = await get<Contact>(mock.url, recordPath(route, role.OID));
      expect(status).toBe(200);
      expect(body.ThirdPartyMarketingConsent).toBe(false);
      expect(presentPersonalData(body, personalDataPaths(route.schema))).toEqual([]);
    }
    await stop(mock);
  });

  it('every acknowledged POST survives a SIGKILL during a stream of POSTs', { timeout: 90_000 }, async () => {
    const stateFile = tempStateFile();
    const objects = [1, 2, 3, 4, 5].map((index) => oid('TEN', index));
    /** Each object's last acknowledged value. */
    const acknowledged = new Map<string, string>();
    /** The POST in flight at the last kill: it may or may not have been saved. */
    let inFlight: { objectId: string; value: string } | undefined;
    let sent = 0;

    const expectSurvivors = async (url: string): Promise<void> => {
      for (const [objectId, value] of acknowledged) {
        const { status, body } = await get<CustomFieldValue>(url, valuePath(objectId, `${oid('CF', 0)}`));
        expect(status).toBe(200);
        const allowed = inFlight?.objectId === objectId ? [value, inFlight.value] : [value];
        expect(allowed).toContain(body);
        // The in-flight value, once seen after a restart, is what must survive from then on.
        acknowledged.set(objectId, body as string);
      }
    };

    for (let round = 0; round < 3; round++) {
      const mock = await startMock(['--state-file', stateFile]);
      await expectSurvivors(mock.url);
      const count = 20 + Math.floor(Math.random() * 20);
      for (let i = 0; i < count; i++) {
        const objectId = objects[++sent % objects.length] as string;
        const value = `v${sent}`;
        expect(await postValue(mock.url, objectId, `${oid('CF', 0)}`, value)).toBe(200);
        acknowledged.set(objectId, value);
      }
      // One more POST, and the kill lands while it may be anywhere between request and response.
      inFlight = { objectId: objects[++sent % objects.length] as string, value: `v${sent}` };
      const outcome = postValue(mock.url, inFlight.objectId, `${oid('CF', 0)}`, inFlight.value).then(
        (status) => status,
        () => 'no answer' as const,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)));
      mock.child.kill('SIGKILL');
      expect(await exitOf(mock.child)).toEqual({ code: null, signal: 'SIGKILL' });
      const answer = await outcome;
      expect([200, 'no answer']).toContain(answer);
      if (answer === 200) acknowledged.set(inFlight.objectId, inFlight.value);

      // Whatever moment the kill hit, the file is whole.
      expect(() => new StateFile(stateFile).load()).not.toThrow();
    }
    const mock = await startMock(['--state-file', stateFile]);
    await expectSurvivors(mock.url);
    expect(acknowledged.size).toBe(objects.length);
    await stop(mock);
  });
});

describe('--state-file refuses a file it cannot trust', () => {
  const corrupt = '{"version":1,"customFieldValues":[';

  it.each([
    { name: 'truncated JSON, by flag', via: 'flag', write: (file: string) => fs.writeFileSync(file, corrupt) },
    {
      name: 'truncated JSON, by MOCK_STATE_FILE',
      via: 'env',
      write: (file: string) => fs.writeFileSync(file, corrupt),
    },
    { name: 'a directory at the path', via: 'flag', write: (file: string) => fs.mkdirSync(file) },
  ])('$name: start-up stops with one line naming the path, and the file is untouched', async ({ name, via, write }) => {
    const stateFile = tempStateFile();
    write(stateFile);
    const before = fs.statSync(stateFile).isFile() ? fs.readFileSync(stateFile) : undefined;
    // The first case starts a process; the others run the same start-up in-process.
    const run =
      via === 'flag' && name.startsWith('truncated')
        ? await runUntilExit(['--state-file', stateFile])
        : await refusedStart(
            ['--port', '0', '--quiet', ...(via === 'flag' ? ['--state-file', stateFile] : [])],
            via === 'env' ? { MOCK_STATE_FILE: stateFile } : {},
          );

    expect(run.stdout).not.toMatch(/listening/);
    expect(run.signal).toBeNull();
    expect(run.code).not.toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: --state-file: /);
    expect(lines[0]).toContain(stateFile);
    if (before) expect(fs.readFileSync(stateFile)).toEqual(before);
    else expect(fs.readdirSync(stateFile)).toEqual([]);
    // Nothing was written beside it either: no temp file, no replacement.
    expect(fs.readdirSync(path.dirname(stateFile))).toEqual(['state.json']);
  });
});
