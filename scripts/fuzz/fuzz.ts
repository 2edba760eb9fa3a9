/**
 * The adversarial pass as a script (`npm run fuzz -- --seed 7 --count 20000 --max-seconds 600`):
 * starts the mock as a process on loopback, sends a seeded mix of valid and malformed requests
 * over HTTP and raw sockets (paths, IDs, query, headers, bodies, Prefer, the control API and its
 * clock), holds every /v4 and /__mock answer to its contract, and reports each 5xx nobody asked
 * for, hang, crash or non-contract answer with a one-line reproduction. Exits 1 on any.
 */
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { listOperations, loadContract } from '../../mock-server/contract/contract.js';
import { spawnCli, waitForLine } from '../../test/support/cli-process.js';
import { contractViolations } from '../../test/support/contract-validator.js';
import { controlViolations } from '../../test/support/control-contract.js';
import { controlCase, IdPool, v4Case, type HttpCase } from './http-cases.js';
import { Random } from './random.js';
import { rawCase, type RawCase } from './raw-cases.js';
import { findingLine, reproduction, type Finding } from './report.js';
import { HANG_MS, sendHttp, sendRaw, type Answer } from './send.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '2000' },
    'max-seconds': { type: 'string', default: '600' },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
const maxMs = Number(values['max-seconds']) * 1000;
/** The port reproduction lines name: start the mock with these flags and --port 4010 to replay. */
const REPRO_PORT = 4010;
const MOCK_FLAGS = [
  '--api-key',
  'fuzz-key',
  '--consent-churn',
  '0.05',
  '--clock-frozen',
  '--headers-timeout',
  '2s',
  '--request-timeout',
  '4s',
  '--quiet',
];

const findings: Finding[] = [];
const statuses = new Map<number, number>();
let checked = 0;

function checkAnswer(index: number, item: HttpCase, answer: Answer): void {
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  const line = reproduction(item, REPRO_PORT);
  if (answer.status >= 500 && answer.status !== item.requested) {
    findings.push({ index, what: `unrequested ${answer.status}: ${answer.text.slice(0, 200)}`, reproduction: line });
  }
  if (answer.status < 0) return; // the upload was cut by the server after its answer
  // Express routes ignore one trailing slash (non-strict routing): held to the operation without it.
  const path = (item.path.split('?')[0] as string).replace(/(.)\/$/, '$1');
  const response = {
    method: item.method.toLowerCase(),
    path,
    status: answer.status,
    contentType: answer.contentType,
    body: answer.body,
  };
  const violations = path.startsWith('/v4')
    ? contractViolations(response)
    : path.startsWith('/__mock')
      ? controlViolations(response)
      : undefined;
  if (violations === undefined) return;
  checked++;
  if (violations.length > 0)
    findings.push({ index, what: `non-contract answer: ${violations.slice(0, 3).join('; ')}`, reproduction: line });
}

/** An error body in either --errors style: agentOS's `{"Message"}` or RFC 9457 problem+json. */
function isErrorBody(contentType: string | undefined, text: string): boolean {
  if (!/^application\/(problem\+)?json/.test(contentType ?? '')) return false;
  try {
    const body = JSON.parse(text) as Record<string, unknown> | null;
    return typeof body?.Message === 'string' || (typeof body?.type === 'string' && typeof body?.status === 'number');
  } catch {
    return false;
  }
}

function checkRaw(index: number, item: RawCase, answer: Awaited<ReturnType<typeof sendRaw>>): void {
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  const line = reproduction(item, REPRO_PORT);
  if (answer.status === 0 && !answer.closed)
    findings.push({ index, what: `hang: no answer in ${HANG_MS} ms`, reproduction: line });
  if (answer.status >= 500)
    findings.push({ index, what: `unrequested ${answer.status}: ${answer.body.slice(0, 200)}`, reproduction: line });
  if (answer.status >= 400 && !isErrorBody(answer.headers['content-type'], answer.body)) {
    findings.push({ index, what: `${answer.status} without an error body`, reproduction: line });
  }
  if (item.contractPath && answer.status >= 200) {
    checked++;
    let body: unknown = answer.body;
    try {
      body = JSON.parse(answer.body);
    } catch {
      // held to the contract as text, which fails it
    }
    const violations = contractViolations({
      method: item.method ?? 'get',
      path: item.contractPath,
      status: answer.status,
      contentType: answer.headers['content-type'],
      body,
    });
    if (violations.length > 0)
      findings.push({ index, what: `non-contract answer: ${violations.slice(0, 3).join('; ')}`, reproduction: line });
  }
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const operations = listOperations(loadContract().document);
  const child: ChildProcess = spawnCli([...MOCK_FLAGS, '--port', '0']);
  let exited: string | undefined;
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2_000)));
  child.once('exit', (code, signal) => (exited = `the mock exited (code ${code}, signal ${signal}): ${stderr.trim()}`));
  const port = Number((await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
  const random = new Random(seed);
  const pool = new IdPool();
  const slow: Promise<void>[] = [];
  const started = Date.now();
  const mix = { http: 0, control: 0, raw: 0 };
  let sent = 0;
  for (let index = 0; index < count && Date.now() - started < maxMs && !exited; index++) {
    const draw = random.next();
    sent++;
    if (draw < 0.15) {
      mix.raw++;
      const item = rawCase(random);
      const pending = sendRaw(port, item).then((answer) => checkRaw(index, item, answer));
      if (item.slow) slow.push(pending);
      else await pending;
    } else {
      const item = draw < 0.33 ? controlCase(random, pool) : v4Case(random, operations, pool);
      if (draw < 0.33) mix.control++;
      else mix.http++;
      const answer = await sendHttp(port, item);
      if (answer === 'hang')
        findings.push({
          index,
          what: `hang: no answer in ${HANG_MS} ms`,
          reproduction: reproduction(item, REPRO_PORT),
        });
      else if (answer) {
        checkAnswer(index, item, answer);
        pool.learn(answer.body);
      }
    }
    if (index % 250 === 249 && !(await healthy(port))) {
      findings.push({
        index,
        what: '/healthz did not answer within 5 s',
        reproduction: `curl -si http://127.0.0.1:${REPRO_PORT}/healthz`,
      });
      break;
    }
  }
  await Promise.all(slow);
  if (!exited && !(await healthy(port)))
    findings.push({ index: sent, what: '/healthz did not answer at the end', reproduction: '' });
  if (exited) findings.push({ index: sent, what: `crash: ${exited}`, reproduction: '' });
  child.kill('SIGTERM');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const histogram = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}:${n}`)
    .join(' ');
  process.stdout.write(
    `fuzz seed ${seed}: ${sent} requests in ${seconds} s (v4 ${mix.http}, control ${mix.control}, raw ${mix.raw}), ` +
      `${checked} answers checked against the contracts\nstatuses ${histogram}\n` +
      `mock: node --import tsx tools/cli.ts ${MOCK_FLAGS.join(' ')} --port ${REPRO_PORT} replays the lines below\n`,
  );
  for (const finding of findings.slice(0, 50)) process.stdout.write(`${findingLine(finding)}\n`);
  if (findings.length > 0) {
    process.stdout.write(`${findings.length} finding(s); rerun with --seed ${seed} --count ${sent}\n`);
    process.exit(1);
  }
  process.stdout.write('no unrequested 5xx, hang, crash or non-contract answer\n');
  process.exit(0);
}

await main();
