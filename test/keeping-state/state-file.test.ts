import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateFile, StateFileError, type DurableState } from '../../mock-server/state/state-file.js';
import { exitOf, REPO_ROOT, waitForLine } from '../support/cli-process.js';
import { counterOf } from '../support/state-file-writer.js';

const STATE: DurableState = {
  version: 1,
  customFieldValues: [
    { agency: 'demo', objectId: 'TEN-0000000001', fieldId: 'TEN-CF01', value: 'Evening' },
    { agency: 'demo', objectId: 'TEN-0000000002', fieldId: 'TEN-CF02', value: 'a "quoted"\nline' },
    { agency: 'other', objectId: 'LAN-0000000003', fieldId: 'LAN-CF06', value: 42.5 },
    { agency: 'other', objectId: 'LAN-0000000003', fieldId: 'LAN-CF05', value: false },
  ],
  consentOverrides: [
    { agency: 'demo', personId: 'PER-0000000042', consented: false },
    { agency: 'other', personId: 'PER-0000000007', consented: true },
  ],
};
const EMPTY: DurableState = { version: 1, customFieldValues: [], consentOverrides: [] };

let directory: string;
let file: string;
beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'state-file-'));
  file = path.join(directory, 'state.json');
});
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

/** The StateFileError `load()` throws for the file as it is now. */
function refusal(at = file): StateFileError {
  try {
    new StateFile(at).load();
  } catch (error) {
    if (error instanceof StateFileError) return error;
    throw error;
  }
  throw new Error(`load() accepted ${at}`);
}

const tempFiles = (): string[] => fs.readdirSync(directory).filter((name) => name.includes('.tmp-'));

describe('StateFile keeps the state', () => {
  it('round-trips a state, and a second save replaces the first', () => {
    new StateFile(file).save(STATE);
    expect(new StateFile(file).load()).toEqual(STATE);
    const next = { ...STATE, consentOverrides: [] };
    new StateFile(file).save(next);
    expect(new StateFile(file).load()).toEqual(next);
  });

  it('loads an empty state when the file does not exist yet, and writes nothing', () => {
    expect(new StateFile(file).load()).toEqual(EMPTY);
    expect(new StateFile(path.join(directory, 'not', 'yet', 'state.json')).load()).toEqual(EMPTY);
    expect(fs.readdirSync(directory)).toEqual([]);
  });

  it('creates a missing parent directory on save', () => {
    const nested = path.join(directory, 'a', 'b', 'state.json');
    new StateFile(nested).save(STATE);
    expect(new StateFile(nested).load()).toEqual(STATE);
  });

  it('leaves no temporary file behind', () => {
    const state = new StateFile(file);
    for (let i = 0; i < 5; i++) state.save(STATE);
    expect(fs.readdirSync(directory)).toEqual(['state.json']);
  });

  it('refuses to save a state that load() would refuse, and leaves the file as it was', () => {
    new StateFile(file).save(STATE);
    const before = fs.readFileSync(file);
    const bad = { ...EMPTY, customFieldValues: [{ agency: 'demo', objectId: 'x', fieldId: 'y', value: Number.NaN }] };
    expect(() => new StateFile(file).save(bad)).toThrow(/value/);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });
});

describe('StateFile refuses a file it cannot trust, and never changes it', () => {
  const cases: { name: string; text: string; reason: RegExp }[] = [
    { name: 'truncated JSON', text: '{"version":1,"customFieldValues":[', reason: /not valid JSON/ },
    { name: 'an empty file', text: '', reason: /not valid JSON/ },
    { name: 'not JSON at all', text: 'version: 1\n', reason: /not valid JSON/ },
    { name: 'a JSON array', text: '[]', reason: /not a JSON object/ },
    { name: 'JSON null', text: 'null', reason: /not a JSON object/ },
    { name: 'no version', text: '{"customFieldValues":[],"consentOverrides":[]}', reason: /no version/ },
    {
      name: 'an unknown version',
      text: '{"version":2,"customFieldValues":[],"consentOverrides":[]}',
      reason: /version 2/,
    },
    {
      name: 'a version as a string',
      text: '{"version":"1","customFieldValues":[],"consentOverrides":[]}',
      reason: /version "1"/,
    },
    { name: 'a missing list', text: '{"version":1,"customFieldValues":[]}', reason: /consentOverrides/ },
    {
      name: 'a list that is an object',
      text: '{"version":1,"customFieldValues":{},"consentOverrides":[]}',
      reason: /customFieldValues/,
    },
    {
      name: 'an entry that is not an object',
      text: '{"version":1,"customFieldValues":[],"consentOverrides":["PER-1"]}',
      reason: /consentOverrides\[0\]/,
    },
    {
      name: 'a value that is an object',
      text: JSON.stringify({
        version: 1,
        customFieldValues: [
          { agency: 'demo', objectId: 'TEN-0000000001', fieldId: 'TEN-CF02', value: 'ok' },
          { agency: 'demo', objectId: 'TEN-0000000001', fieldId: 'TEN-CF02', value: { nested: true } },
        ],
        consentOverrides: [],
      }),
      reason: /customFieldValues\[1\]\.value/,
    },
    {
      name: 'a value that is null',
      text: '{"version":1,"customFieldValues":[{"agency":"demo","objectId":"TEN-0000000001","fieldId":"TEN-CF02","value":null}],"consentOverrides":[]}',
      reason: /customFieldValues\[0\]\.value/,
    },
    {
      name: 'a number too large for a double',
      text: '{"version":1,"customFieldValues":[{"agency":"demo","objectId":"TEN-0000000001","fieldId":"TEN-CF02","value":1e999}],"consentOverrides":[]}',
      reason: /customFieldValues\[0\]\.value/,
    },
    {
      name: 'a missing field ID',
      text: '{"version":1,"customFieldValues":[{"agency":"demo","objectId":"TEN-0000000001","value":"x"}],"consentOverrides":[]}',
      reason: /customFieldValues\[0\]\.fieldId/,
    },
    {
      name: 'consent as a string',
      text: '{"version":1,"customFieldValues":[],"consentOverrides":[{"agency":"demo","personId":"PER-0000000001","consented":"false"}]}',
      reason: /consentOverrides\[0\]\.consented/,
    },
    {
      name: 'a person ID as a number',
      text: '{"version":1,"customFieldValues":[],"consentOverrides":[{"agency":"demo","personId":42,"consented":false}]}',
      reason: /consentOverrides\[0\]\.personId/,
    },
  ];

  it.each(cases)('$name', ({ text, reason }) => {
    fs.writeFileSync(file, text);
    const error = refusal();
    expect(error.path).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain('\n');
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.readdirSync(directory)).toEqual(['state.json']);
  });

  it('a directory where the file should be', () => {
    fs.mkdirSync(file);
    const error = refusal();
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/cannot be read \(EISDIR\)/);
    expect(fs.readdirSync(file)).toEqual([]);
  });

  it('a path through a regular file', () => {
    fs.writeFileSync(path.join(directory, 'plain'), 'keep');
    const through = path.join(directory, 'plain', 'state.json');
    const error = refusal(through);
    expect(error.path).toBe(through);
    expect(error.message).toContain(through);
    expect(error.message).toMatch(/ENOTDIR/);
    expect(fs.readFileSync(path.join(directory, 'plain'), 'utf8')).toBe('keep');
  });

  it('a dangling symlink (replacing it would lose what it pointed at)', () => {
    fs.symlinkSync(path.join(directory, 'gone.json'), file);
    expect(refusal().message).toMatch(/cannot be read \(ENOENT\)/);
    expect(fs.readlinkSync(file)).toBe(path.join(directory, 'gone.json'));
  });

  it('shows the message one line long, naming the path and what to do', () => {
    fs.writeFileSync(file, '{\n  "version": 1,\n  "customFieldValues": [\n    {,\n');
    const { message } = refusal();
    expect(message).toMatch(new RegExp(`^state file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`));
    expect(message).toMatch(/fix or remove it/);
    expect(message).not.toContain('\n');
  });
});

describe('StateFile survives a crash around the rename', () => {
  it('ignores a stale temporary file beside the state', () => {
    new StateFile(file).save(STATE);
    fs.writeFileSync(`${file}.tmp-99999999-0`, JSON.stringify(EMPTY));
    expect(new StateFile(file).load()).toEqual(STATE);
  });

  it('a crash between write and rename leaves the last complete state', () => {
    new StateFile(file).save(STATE);
    // What a writer killed mid-write leaves: half a temp file, the state file untouched.
    const next = JSON.stringify({ ...STATE, consentOverrides: [] });
    fs.writeFileSync(`${file}.tmp-99999999-3`, next.slice(0, next.length / 2));
    expect(new StateFile(file).load()).toEqual(STATE);
  });

  it("the first save removes dead writers' temp files of the same base name, and nothing else", () => {
    const others = ['state.json.tmp-notes', 'other.json.tmp-99999999-0', 'state.json.bak'];
    for (const name of [...others, 'state.json.tmp-99999999-0', `state.json.tmp-${process.pid}-7`]) {
      fs.writeFileSync(path.join(directory, name), 'x');
    }
    new StateFile(file).save(STATE);
    expect(fs.readdirSync(directory).sort()).toEqual([...others, 'state.json'].sort());
  });

  it('keeps the temp files of a writer that is still running', () => {
    // process.ppid is alive (it started us) and is not our own pid.
    const live = `state.json.tmp-${process.ppid}-0`;
    fs.writeFileSync(path.join(directory, live), 'x');
    new StateFile(file).save(STATE);
    expect(fs.readdirSync(directory).sort()).toEqual([live, 'state.json'].sort());
  });
});

describe('a writer killed by SIGKILL at any moment leaves a loadable, complete state', () => {
  let writer: ChildProcess | undefined;
  afterEach(async () => {
    if (writer && writer.exitCode === null && writer.signalCode === null) {
      writer.kill('SIGKILL');
      await exitOf(writer);
    }
    writer = undefined;
  });

  it('over several kills, each load() returns a state the writer wrote, never older than the last', async () => {
    let last = -1;
    for (let round = 0; round < 5; round++) {
      writer = spawn(process.execPath, ['--import', 'tsx', 'test/support/state-file-writer.ts', file], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const [, first] = (await waitForLine(writer, /^saved (\d+)$/)) as RegExpMatchArray;
      // It continued from the state the previous kill left, so that state loaded in the child too.
      expect(Number(first)).toBe(last + 1);
      const moment = 50 + Math.floor(Math.random() * 250);
      await new Promise((resolve) => setTimeout(resolve, moment));
      writer.kill('SIGKILL');
      expect(await exitOf(writer)).toEqual({ code: null, signal: 'SIGKILL' });

      const counter = counterOf(new StateFile(file).load());
      expect(counter).toBeGreaterThanOrEqual(Number(first));
      last = counter;
      // At most the killed writer's own temp file is left: the next writer's first save removes it.
      expect(tempFiles().length).toBeLessThanOrEqual(1);
    }
  });
});
