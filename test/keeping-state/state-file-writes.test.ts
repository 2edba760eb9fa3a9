import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/create-mock-server.js';
import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';
import { StateFileError } from '../../mock-server/state/state-file.js';
import { BASE, oid } from '../support/contact-routes.js';
import { fieldOfType } from '../support/custom-field-catalogue.js';

const KEY = { api_key: 'state-file-key' };
const OBJECT = oid('TEN', 3);
let textField: string;
let numberField: string;
let directory: string;
const mounts: string[] = [];

beforeAll(async () => {
  const mock = await createMockServer({ quiet: true });
  const { body } = await request(mock.app).get('/__mock/customfields');
  // The catalogue is drawn per agency: a Number field is the typed one every tenant has here.
  [textField, numberField] = [fieldOfType(body, 'Text'), fieldOfType(body, 'Number', { personal: 'any' })];
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const mount of mounts.splice(0)) execFileSync('umount', [mount]);
  if (directory) fs.rmSync(directory, { recursive: true, force: true });
});

function tempDirectory(): string {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'state-writes-'));
  return directory;
}

/** A 64 KiB tmpfs (a disk that fills up, and can be remounted read-only), when this process may mount one. */
function smallDisk(): string | undefined {
  const mount = path.join(tempDirectory(), 'disk');
  fs.mkdirSync(mount);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  mounts.push(mount);
  return mount;
}

const start = (stateFile: string, input: MockOptionsInput = {}): Promise<MockServer> =>
  createMockServer({ quiet: true, clockFrozen: true, errors: 'problem', stateFile, ...input });

const valuePath = `${BASE}/company/objects/${OBJECT}`;
const readValue = async (mock: MockServer): Promise<unknown> =>
  (await request(mock.app).get(`${valuePath}/${textField}/value`).set(KEY)).body;
const writeValue = (mock: MockServer, value: unknown) =>
  request(mock.app).post(`${valuePath}/${textField}/customfield`).set(KEY).send({ Value: value });

describe('a state write that fails changes nothing that is served', () => {
  it('on a full disk: the POST answers 503, the old value is served, and the cause is logged with --quiet', async () => {
    const disk = smallDisk();
    if (!disk) {
      console.warn('\n*** full-disk case not run: this process cannot mount a tmpfs (run the suite as root) ***\n');
      return;
    }
    const mock = await start(path.join(disk, 'state.json'));
    const before = await readValue(mock);
    expect((await writeValue(mock, 'saved')).status).toBe(200);
    const written = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // Fills the disk: the write stops at ENOSPC, with what fitted left on it.
    expect(() => fs.writeFileSync(path.join(disk, 'filler'), Buffer.alloc(200 * 1024))).toThrow(/ENOSPC/);
    const refused = await writeValue(mock, 'x'.repeat(1500));
    const logged = written.mock.calls.map(([line]) => String(line)).join('');
    written.mockRestore();
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toContain('could not be written (ENOSPC)');
    expect(refused.body.detail).toContain('nothing changed');
    expect(await readValue(mock)).toBe('saved');
    expect(before).not.toBe('saved');
    // Said even with --quiet, naming the file and the reason.
    expect(logged).toContain('state file write failed');
    expect(logged).toContain('ENOSPC');
  });

  it('on a read-only mount: a consent withdrawal that answered 503 is not in force', async () => {
    const disk = smallDisk();
    if (!disk) {
      console.warn('\n*** read-only case not run: this process cannot mount a tmpfs (run the suite as root) ***\n');
      return;
    }
    const mock = await start(path.join(disk, 'state.json'), { consentRate: 1 });
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { body } = await request(mock.app).post('/__mock/states').send({ state: 'a tenant exists' });
    const { tenantID, personID } = body.ids as { tenantID: string; personID: string };
    const refused = await request(mock.app)
      .put(`/__mock/people/${personID}/consent`)
      .send({ ThirdPartyMarketing: false });
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toContain('EROFS');
    const record = await request(mock.app).get(`${BASE}/tenants/${tenantID}`).set(KEY);
    expect(record.body.ThirdPartyMarketingConsent).toBe(true);
  });

  it('when the directory is gone (a path through a regular file now): 503, and the old value stays', async () => {
    const folder = path.join(tempDirectory(), 'state');
    const mock = await start(path.join(folder, 'state.json'));
    expect((await writeValue(mock, 'kept')).status).toBe(200);
    fs.rmSync(folder, { recursive: true });
    fs.writeFileSync(folder, 'not a directory');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const refused = await writeValue(mock, 'lost');
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toMatch(/could not be written \((ENOTDIR|EEXIST)\)/);
    expect(await readValue(mock)).toBe('kept');
  });
});

describe('the state file at start-up', () => {
  it('refuses to start when the file cannot be written, in one line', async () => {
    const disk = smallDisk();
    if (!disk) {
      console.warn(
        '\n*** read-only start-up case not run: this process cannot mount a tmpfs (run the suite as root) ***\n',
      );
      return;
    }
    const file = path.join(disk, 'state.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, customFieldValues: [], consentOverrides: [] }));
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const error = await start(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toBe(`state file ${file} cannot be written (EROFS)`);
  });

  it('is created 0600: it can hold personal data', async () => {
    const file = path.join(tempDirectory(), 'state.json');
    const mock = await start(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await writeValue(mock, 'private');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('through a symlink stays a symlink: the write goes to the link target', async () => {
    const folder = tempDirectory();
    const target = path.join(folder, 'real', 'state.json');
    fs.mkdirSync(path.dirname(target));
    const link = path.join(folder, 'state.json');
    fs.symlinkSync(target, link);
    fs.writeFileSync(target, JSON.stringify({ version: 1, customFieldValues: [], consentOverrides: [] }));
    const mock = await start(link);
    expect((await writeValue(mock, 'via the link')).status).toBe(200);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toContain('via the link');
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const file = path.join(tempDirectory(), 'state.json');
    const saved = { agency: 'demo', objectId: OBJECT, fieldId: textField, value: 'from a BOM file' };
    fs.writeFileSync(file, `\uFEFF${JSON.stringify({ version: 1, customFieldValues: [saved], consentOverrides: [] })}`);
    expect(await readValue(await start(file))).toBe('from a BOM file');
  });

  it.each([
    ['a Number field holding text', () => ({ fieldId: numberField, value: 'abc' }), /must be a number/],
    ['an unknown field', () => ({ fieldId: '0000-0000-0000-0000', value: 'x' }), /0000-0000-0000-0000/],
    ['an agency not served', () => ({ agency: 'elsewhere', fieldId: textField, value: 'x' }), /"elsewhere"/],
  ])('refuses values that do not fit their field: %s', async (_name, entry, reason) => {
    const file = path.join(tempDirectory(), 'state.json');
    const value = { agency: 'demo', objectId: OBJECT, ...entry() };
    fs.writeFileSync(file, JSON.stringify({ version: 1, customFieldValues: [value], consentOverrides: [] }));
    const error = await start(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toMatch(/customFieldValues\[0\]/);
    expect((error as Error).message).toMatch(reason);
  });

  it('keeps the simulated day of a consent override: DateGiven and the ETag survive a restart', async () => {
    const file = path.join(tempDirectory(), 'state.json');
    const first = await start(file, { consentRate: 0 });
    await request(first.app).post('/__mock/clock').send({ advance: 'P3D' });
    const { body } = await request(first.app).post('/__mock/states').send({ state: 'a tenant exists' });
    const { tenantID, personID } = body.ids as { tenantID: string; personID: string };
    await request(first.app).put(`/__mock/people/${personID}/consent`).send({ ThirdPartyMarketing: true });
    const before = await request(first.app).get(`${BASE}/tenants/${tenantID}`).set(KEY);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { consentOverrides: { day: number }[] };
    expect(saved.consentOverrides).toEqual([expect.objectContaining({ personId: personID, day: 3 })]);

    const second = await start(file, { consentRate: 0 });
    await request(second.app).post('/__mock/clock').send({ advance: 'P3D' });
    const after = await request(second.app).get(`${BASE}/tenants/${tenantID}`).set(KEY);
    expect(after.body.ETag).toBe(before.body.ETag);
    expect(after.body).toEqual(before.body);
  });
});
