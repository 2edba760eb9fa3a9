import { Ajv2020 } from 'ajv/dist/2020.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckClientCommand, type CheckClientIo } from '../../tools/check-client/cli.js';
import type { CheckClientReport } from '../../tools/check-client/report.js';
import { BUILT_CLI, REPO_ROOT } from '../support/cli-process.js';

const ROOT = resolve(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'contracts/check-client-report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true }).compile(schema);

/** Short windows and a small agency, so a whole sync takes seconds, never real minutes. */
const MOCK_FLAGS = [
  '--rate-limit',
  '20/2s',
  '--latency',
  '5-20ms',
  '--tenants',
  '200',
  '--landlords',
  '100',
  '--lettings-applicants',
  '100',
  '--sales-applicants',
  '60',
  '--vendors',
  '60',
  '--branches',
  '2',
  '--multi-role-share',
  '0.02',
];

/** A partner script that loops over one page and never looks at the status. */
const NAIVE_SCRIPT = `
const { AGENTOS_BASE_URL: base, AGENTOS_API_KEY: key, AGENTOS_SHORTNAME: agency } = process.env;
for (let i = 0; i < 40; i++) {
  const response = await fetch(base + '/v4/contacts/' + agency + '/tenants/0/10', { headers: { api_key: key } });
  await response.arrayBuffer();
}
`;

interface Run {
  code: number;
  out: string;
  err: string;
  commandOutput: string;
}

async function run(argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  let commandOutput = '';
  const io: CheckClientIo = {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    command: {
      stdout: (chunk) => (commandOutput += chunk.toString()),
      stderr: (chunk) => (commandOutput += chunk.toString()),
    },
  };
  const code = await runCheckClientCommand(argv, io);
  return { code, out, err, commandOutput };
}

function readReport(file: string): CheckClientReport {
  const report = JSON.parse(readFileSync(file, 'utf8')) as CheckClientReport;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return report;
}

function statusOf(report: CheckClientReport, id: string): string | undefined {
  return report.checks.find((check) => check.id === id)?.status;
}

describe('agentos-contacts check-client', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'check-client-'));
    writeFileSync(join(dir, 'naive.mjs'), NAIVE_SCRIPT);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sync = (db: string): string[] => [
    process.execPath,
    join(REPO_ROOT, BUILT_CLI),
    'sync',
    '--db',
    join(dir, db),
    '--rate-limit',
    '18/2s',
    '--retry-wait',
    '2s',
    '--page-size',
    '25',
    '--no-progress',
  ];

  it('fails a naive loop that ignores 429s, and says it was blocked, with the journal lines', async () => {
    const json = join(dir, 'naive.json');
    const junit = join(dir, 'naive.xml');
    const result = await run([
      ...MOCK_FLAGS,
      '--json',
      json,
      '--junit',
      junit,
      '--',
      process.execPath,
      join(dir, 'naive.mjs'),
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL {2}never blocked \(no 403\)\n {8}Blocked: \d+ request\(s\) answered 403/);
    expect(result.out).toMatch(/GET \/v4\/contacts\/demo\/tenants\/0\/10 -> 403 {3}<- blocked/);
    expect(result.out).toContain('FAIL: ');
    const report = readReport(json);
    expect(report.passed).toBe(false);
    expect(statusOf(report, 'never-blocked')).toBe('fail');
    expect(statusOf(report, 'not-sent-while-limited')).toBe('fail');
    expect(statusOf(report, 'paged-to-end')).toBe('fail');
    expect(statusOf(report, 'identification')).toBe('fail');
    expect(report.mock).toMatchObject({ profile: 'agentos', rateLimit: { requests: 20, windowMs: 2000 } });
    // The key the command was given never reaches the report.
    expect(readFileSync(json, 'utf8')).not.toMatch(/check-client-[0-9a-f]{12}/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="check-client" tests="\d+" failures="4"/);
    expect(xml).toContain('<failure message="Blocked:');
  }, 60_000);

  it("passes the reference client's own sync", async () => {
    const json = join(dir, 'sync.json');
    const result = await run([...MOCK_FLAGS, '--json', json, '--', ...sync('sync.sqlite')]);
    expect(result.out).toContain('PASS: every graded check passed');
    expect(result.code).toBe(0);
    const report = readReport(json);
    expect(report.exitCode).toBe(0);
    expect(statusOf(report, 'paged-to-end')).toBe('pass');
    expect(statusOf(report, 'identification')).toBe('pass');
    expect(result.commandOutput).toContain('sync run 1 done');
  }, 60_000);

  it('passes the sync under --adversarial: a shared key, 429s without Retry-After, consent withdrawn, 503s', async () => {
    const json = join(dir, 'adversarial.json');
    const result = await run([...MOCK_FLAGS, '--adversarial', '--json', json, '--', ...sync('adversarial.sqlite')]);
    expect(result.out, result.out).toContain('PASS: every graded check passed');
    expect(result.code).toBe(0);
    const report = readReport(json);
    expect(report.adversarial).toBe(true);
    expect(report.requests.adversary).toBeGreaterThan(0);
    // The situations happened, so the passes mean something.
    expect(statusOf(report, 'retried-503')).toBe('pass');
    expect(statusOf(report, 'consent-withdrawn')).toBe('info');
    expect(report.checks.find((check) => check.id === 'adversarial')?.summary).toMatch(
      /; [1-9]\d* 503\(s\) injected \(retried with backoff: pass\)/,
    );
  }, 90_000);

  it('fails a command that never reaches the mock', async () => {
    const result = await run([...MOCK_FLAGS, '--', process.execPath, '-e', 'process.exit(0)']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('The command sent no request to AGENTOS_BASE_URL');
  });

  it('fails a command that only gets refusals: nothing was read', async () => {
    const script =
      "await fetch(process.env.AGENTOS_BASE_URL + '/v4/contacts/demo/tenants/0/10', { headers: { api_key: 'wrong' } })";
    const result = await run([...MOCK_FLAGS, '--', process.execPath, '--input-type=module', '-e', script]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("None of the command's 1 request(s) was answered 2xx (statuses: 401)");
  });

  it('reports a command that cannot start', async () => {
    const result = await run([...MOCK_FLAGS, '--', join(dir, 'no-such-program')]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('did not start');
    expect(result.commandOutput).toContain('cannot start the command');
  });

  it('stops a command that runs past --timeout', async () => {
    const result = await run([
      ...MOCK_FLAGS,
      '--timeout',
      '300ms',
      '--',
      process.execPath,
      '-e',
      'setTimeout(() => {}, 60000)',
    ]);
    expect(result.out).toContain('timed out and was stopped');
    expect(result.code).toBe(1);
  });

  it.each([
    { argv: [], message: 'name the command to check after --' },
    { argv: ['--rate-limit', 'lots', '--', 'true'], message: '--rate-limit' },
    { argv: ['--clock-frozen', '--', 'true'], message: 'the clock must run' },
    { argv: ['--no-such-flag', '--', 'true'], message: 'unknown option' },
  ])('bad use is exit 2 with a message naming it: $message', async ({ argv, message }) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });
});
