import fs from 'node:fs';
import path from 'node:path';

/** What `--state-file` keeps across restarts. */
export interface DurableState {
  readonly version: 1;
  /** Custom field values set by POST. */
  readonly customFieldValues: readonly {
    agency: string;
    objectId: string;
    fieldId: string;
    value: string | number | boolean;
  }[];
  /**
   * Consent set through the control API, by PersonID; `day`: the simulated day the override was
   * set (it dates `ConsentDetails` and the ETag). Files written before `day` was kept read as day 0.
   */
  readonly consentOverrides: readonly { agency: string; personId: string; consented: boolean; day?: number }[];
}

/** A state file the mock refuses to start with; the message is one line naming the path. */
export class StateFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'StateFileError';
  }
}

type Entry = Record<string, unknown>;
const isEntry = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** The first way `data` differs from a DurableState, or undefined when it is one. */
function shapeProblem(data: unknown): string | undefined {
  if (!isEntry(data)) return 'is not a JSON object';
  if (data.version === undefined) return 'has no version';
  if (data.version !== 1) return `has version ${JSON.stringify(data.version)}; this mock reads version 1 only`;
  const lists = [
    ['customFieldValues', { agency: 'string', objectId: 'string', fieldId: 'string', value: 'scalar' }],
    ['consentOverrides', { agency: 'string', personId: 'string', consented: 'boolean' }],
  ] as const;
  for (const [name, fields] of lists) {
    const list = data[name];
    if (!Array.isArray(list)) return `has no ${name} list`;
    for (const [index, item] of list.entries()) {
      if (!isEntry(item)) return `${name}[${index}] is not an object`;
      for (const [field, type] of Object.entries(fields)) {
        const ok = type === 'scalar' ? isScalar(item[field]) : typeof item[field] === type;
        if (!ok) return `${name}[${index}].${field} is not a ${type === 'scalar' ? 'string, number or boolean' : type}`;
      }
      if (name === 'consentOverrides' && item.day !== undefined && !Number.isSafeInteger(item.day)) {
        return `${name}[${index}].day is not a whole number`;
      }
    }
  }
  return undefined;
}

/** Keeps a DurableState in one JSON file, replaced atomically so a crash never leaves half a file. */
export class StateFile {
  private sequence = 0;

  constructor(readonly path: string) {}

  load(): DurableState {
    const refuse = (what: string): StateFileError =>
      new StateFileError(this.path, `state file ${this.path} ${what}; fix or remove it — the mock will not replace it`);
    let text: string;
    try {
      // A UTF-8 byte order mark (some Windows editors add one) is not part of the JSON.
      text = fs.readFileSync(this.path, 'utf8').replace(/^\uFEFF/, '');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A dangling symlink also reads as ENOENT, but replacing it would lose whatever it meant to point at.
      if (code === 'ENOENT' && !hasEntry(this.path)) return { version: 1, customFieldValues: [], consentOverrides: [] };
      throw refuse(`cannot be read (${code ?? (error as Error).message})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 160);
      throw refuse(`is not valid JSON (${reason})`);
    }
    const problem = shapeProblem(data);
    if (problem) throw refuse(`is not a mock state file: it ${problem}`);
    return data as DurableState;
  }

  save(state: DurableState): void {
    // Checked before writing: a state load() would refuse must never reach the disk.
    const problem = shapeProblem(state);
    if (problem) throw new Error(`refusing to save a state that ${problem}`);
    const target = this.target();
    const directory = path.dirname(target);
    fs.mkdirSync(directory, { recursive: true });
    if (this.sequence === 0) this.removeStaleTemps(target);
    const temp = `${target}.tmp-${process.pid}-${this.sequence++}`;
    try {
      // flush: fsync before the rename, so the name never points at bytes that are not on disk yet.
      // 0600: the file can hold personal data (custom field values), so only its owner reads it.
      fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, flush: true });
      fs.renameSync(temp, target);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
    // The rename itself is durable only once the directory entry is flushed (not possible on Windows).
    if (process.platform !== 'win32') {
      const fd = fs.openSync(directory, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
  }

  /**
   * The file a save replaces: through a symlink, its real target, so the link stays a link (a
   * rename onto the link itself would turn it into a regular file).
   */
  private target(): string {
    try {
      return fs.realpathSync(this.path);
    } catch {
      return this.path; // not there yet: load() has already refused a dangling link
    }
  }

  /** Temp files of writers killed mid-save; those of a live process (another mock) are left alone. */
  private removeStaleTemps(target: string): void {
    const directory = path.dirname(target);
    const prefix = `${path.basename(target)}.tmp-`;
    for (const name of fs.readdirSync(directory)) {
      const pid = name.startsWith(prefix) ? /^(\d+)-\d+$/.exec(name.slice(prefix.length))?.[1] : undefined;
      // Our own pid can only be a previous run's (pid 1 in a container), as we have not written yet.
      if (pid !== undefined && (Number(pid) === process.pid || !isAlive(Number(pid)))) {
        fs.rmSync(path.join(directory, name), { force: true });
      }
    }
  }
}

function hasEntry(file: string): boolean {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true; // cannot tell: refuse rather than start empty
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
