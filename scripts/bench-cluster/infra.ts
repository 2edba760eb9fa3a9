import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from '../support/loopback-ports.js';
import { ROOT } from '../bench/mock.js';

/** A redis-server or nginx the bench started, stopped with it. */
export interface Process {
  readonly port: number;
  stop(): void;
}

/** Waits for a server the bench started, or fails the bench. */
async function listening(port: number): Promise<void> {
  if (!(await waitForPort(port))) throw new Error(`nothing listens on port ${port}`);
}

function owned(child: ChildProcess, port: number): Process {
  process.on('exit', () => child.kill('SIGKILL'));
  return { port, stop: () => child.kill('SIGKILL') };
}

export async function startRedis(): Promise<Process> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await listening(port);
  return owned(child, port);
}

/** nginx from the shipped template (deploy/nginx), in front of `upstreams`. */
export async function startNginx(upstreams: readonly string[]): Promise<Process> {
  const port = await freePort();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nginx-'));
  const template = fs.readFileSync(path.join(ROOT, 'deploy/nginx/mock-cluster.conf.template'), 'utf8');
  const site = path.join(directory, 'default.conf');
  fs.writeFileSync(
    site,
    template
      .replaceAll('${MOCK_UPSTREAMS}', upstreams.map((upstream) => `server ${upstream};`).join(' '))
      .replaceAll('${LISTEN_PORT}', `127.0.0.1:${port}`),
  );
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
    (name) => `${name}_temp_path ${path.join(directory, name)};`,
  );
  const main = path.join(directory, 'nginx.conf');
  fs.writeFileSync(
    main,
    `daemon off; worker_processes 1; pid ${directory}/nginx.pid; error_log ${directory}/error.log warn;
events { worker_connections 1024; }
http { access_log off; ${temps.join(' ')} include ${site}; }\n`,
  );
  const child = spawn('nginx', ['-p', directory, '-c', main], { stdio: 'ignore' });
  await listening(port);
  return owned(child, port);
}

/** Calls of each Redis command so far (INFO commandstats), to count round trips per request. */
export function commandCalls(port: number): Record<string, number> {
  const info = execFileSync('redis-cli', ['-p', String(port), 'info', 'commandstats'], { encoding: 'utf8' });
  return Object.fromEntries(
    [...info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)].map(([, name, calls]) => [name as string, Number(calls)]),
  );
}

export function hasBinary(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
