import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createSecureContext } from 'node:tls';

/** `--tls` values: `off` forces plain HTTP; `self-signed` makes a certificate. Unset, a given certificate turns HTTPS on. */
export const TLS_MODES = ['off', 'self-signed'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** The CLI's TLS flags, as parsed. */
export interface TlsFlags {
  readonly tls?: TlsMode;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly tlsDir?: string;
}

/** What an HTTPS server needs, and where a client finds the certificate to trust. */
export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
  /** The certificate's PEM file: the one given, or the one written for a self-signed start. */
  readonly certPath: string;
  readonly selfSigned: boolean;
}

/** A TLS setting that cannot work; `flag` names what the user typed. */
export class TlsSetupError extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
    this.name = 'TlsSetupError';
  }
}

function readPem(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new TlsSetupError(flag, `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Checks each file on its own first, so the message names the flag whose file is wrong. */
function checkPair(key: string, cert: string, keyPath: string, certPath: string): void {
  try {
    new X509Certificate(cert);
  } catch {
    throw new TlsSetupError('--tls-cert', `${certPath} holds no PEM certificate`);
  }
  try {
    createPrivateKey(key);
  } catch {
    throw new TlsSetupError('--tls-key', `${keyPath} holds no PEM private key (an encrypted key is not supported)`);
  }
  try {
    createSecureContext({ key, cert });
  } catch {
    throw new TlsSetupError('--tls-key', `${keyPath} is not the private key of the certificate in ${certPath}`);
  }
}

/** The names a client may use to reach this server: loopback always, and the bound host if it is specific. */
function subjectAltNames(host: string) {
  const names: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  if (!wildcard && !['localhost', '127.0.0.1', '::1'].includes(host)) {
    names.push(isIP(host) ? { type: 7, ip: host } : { type: 2, value: host });
  }
  return names;
}

async function selfSigned(host: string, directory: string | undefined): Promise<TlsMaterial> {
  // Loaded only here: plain-HTTP starts do not pay for the X.509 libraries.
  const { generate } = await import('selfsigned');
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'agentos-contacts-kit mock' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // An hour back, so a client whose clock is a little behind still accepts it.
    notBeforeDate: new Date(now - 3_600_000),
    notAfterDate: new Date(now + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames(host) },
    ],
  });
  let folder: string;
  try {
    folder = directory === undefined ? mkdtempSync(join(tmpdir(), 'agentos-contacts-mock-tls-')) : resolve(directory);
    mkdirSync(folder, { recursive: true });
    // Only the certificate is written: the key stays in this process's memory.
    writeFileSync(join(folder, 'cert.pem'), pems.cert, { mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new TlsSetupError('--tls-dir', `cannot write the certificate to ${directory ?? tmpdir()}: ${code}`);
  }
  return { key: pems.private, cert: pems.cert, certPath: join(folder, 'cert.pem'), selfSigned: true };
}

/**
 * The certificate and key to serve HTTPS with, or undefined for plain HTTP.
 * Every contradictory or unusable combination stops here, naming its flag.
 */
export async function loadTls(flags: TlsFlags, host: string): Promise<TlsMaterial | undefined> {
  const { tls, tlsCert, tlsKey, tlsDir } = flags;
  if (tls === 'self-signed') {
    if (tlsCert !== undefined || tlsKey !== undefined) {
      const flag = tlsCert !== undefined ? '--tls-cert' : '--tls-key';
      throw new TlsSetupError(flag, 'cannot be combined with --tls self-signed (give a certificate or make one)');
    }
    return selfSigned(host, tlsDir);
  }
  if (tlsDir !== undefined) throw new TlsSetupError('--tls-dir', 'only applies with --tls self-signed');
  if (tlsCert === undefined && tlsKey === undefined) return undefined;
  if (tls === 'off') throw new TlsSetupError('--tls', 'off cannot be combined with --tls-cert and --tls-key');
  if (tlsKey === undefined) throw new TlsSetupError('--tls-key', 'is needed with --tls-cert');
  if (tlsCert === undefined) throw new TlsSetupError('--tls-cert', 'is needed with --tls-key');
  const cert = readPem('--tls-cert', tlsCert);
  const key = readPem('--tls-key', tlsKey);
  checkPair(key, cert, tlsKey, tlsCert);
  return { key, cert, certPath: resolve(tlsCert), selfSigned: false };
}
