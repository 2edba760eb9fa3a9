/**
 * better-sqlite3 (a native module compiled at install) and cli-progress are optional peer
 * dependencies: installing the kit compiles nothing, and only the commands that need them load them.
 */
export class MissingDependencyError extends Error {
  constructor(
    readonly packageName: string,
    readonly neededBy: string,
    readonly version: string,
  ) {
    super(
      `${neededBy} needs the package ${packageName}, which is not installed: run npm install ${packageName}@${version}`,
    );
    this.name = 'MissingDependencyError';
  }
}

function isMissing(error: unknown, packageName: string): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${packageName}'`);
}

/** Imports a module of ours that depends on an optional package, naming the install when it is missing. */
export async function importWithOptional<T>(
  load: () => Promise<T>,
  packageName: string,
  neededBy: string,
  version: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, packageName)) throw new MissingDependencyError(packageName, neededBy, version);
    throw error;
  }
}
