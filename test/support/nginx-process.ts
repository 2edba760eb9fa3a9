import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitOf, REPO_ROOT } from './cli-process.js';
import { freePort, waitForPort } from '../../scripts/support/loopback-ports.js';

export const NGINX_TEMPLATE = path.join(REPO_ROOT, 'deploy', 'nginx', 'mock-cluster.conf.template');

/** The shipped template with its two placeholders filled in, as the nginx image's envsubst does. */
export function renderTemplate(values: { MOCK_UPSTREAMS: string; LISTEN_PORT: string }): string {
  const template = fs.readFileSync(NGINX_TEMPLATE, 'utf8');
  return template.replace(/\$\{(MOCK_UPSTREAMS|LISTEN_PORT)\}/g, (_, name: keyof typeof values) => values[name]);
}

/** nginx in the foreground on a free loopback port, in front of `upstreams` (host:port), from the shipped template. */
export class NginxProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly directory: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(binary: string, upstreams: readonly string[]): Promise<NginxProcess> {
    const port = await freePort();
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-cluster-'));
    const site = path.join(directory, 'default.conf');
    fs.writeFileSync(
      site,
      renderTemplate({
        MOCK_UPSTREAMS: upstreams.map((upstream) => `server ${upstream};`).join(' '),
        LISTEN_PORT: `127.0.0.1:${port}`,
      }),
    );
    const temp = (name: string): string => `${name}_temp_path ${path.join(directory, name)};`;
    // The image's own nginx.conf is only this frame around conf.d/: the site file is what ships.
    const main = path.join(directory, 'nginx.conf');
    fs.writeFileSync(
      main,
      [
        'daemon off;',
        'worker_processes 1;',
        `pid ${path.join(directory, 'nginx.pid')};`,
        `error_log ${path.join(directory, 'error.log')} warn;`,
        'events { worker_connections 512; }',
        // Which replica answered each request, so a test can see that the balancer spreads them.
        `http { log_format upstream '$upstream_addr'; access_log ${path.join(directory, 'access.log')} upstream; ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')} include ${site}; }`,
      ].join('\n'),
    );
    execFileSync(binary, ['-t', '-q', '-p', directory, '-c', main], { stdio: 'pipe' });
    const child = spawn(binary, ['-p', directory, '-c', main], { stdio: 'ignore' });
    if (!(await waitForPort(port))) throw new Error(`nginx did not listen on ${port}`);
    return new NginxProcess(child, port, directory);
  }

  /** The replicas (host:port) that answered, one line a request, in order. */
  upstreamsUsed(): string[] {
    const log = path.join(this.directory, 'access.log');
    return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await exitOf(this.child);
    fs.rmSync(this.directory, { recursive: true, force: true });
  }
}
