import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What this kit reads of a pact file (V2-V4): enough to check, filter and report interactions. */
export interface PactInteraction {
  readonly type?: string;
  readonly description: string;
  readonly providerState?: string;
  readonly providerStates?: readonly { name: string; params?: Record<string, unknown> }[];
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly query?: Record<string, string | string[]> | string;
    readonly headers?: Record<string, string | string[]>;
    readonly body?: unknown;
    readonly matchingRules?: Record<string, unknown>;
    readonly generators?: Record<string, unknown>;
  };
  readonly response: {
    readonly status: number;
    readonly headers?: Record<string, string | string[]>;
    readonly body?: unknown;
    readonly matchingRules?: Record<string, unknown>;
  };
}

export interface PactFile {
  readonly consumer: { name: string };
  readonly provider: { name: string };
  readonly interactions: PactInteraction[];
  readonly metadata?: Record<string, unknown>;
}

export interface LoadedPact {
  readonly path: string;
  readonly pact: PactFile;
}

/** Every `*.json` pact under a file or folder (not recursive), sorted by path. */
export function pactPaths(fileOrDir: string): string[] {
  if (!statSync(fileOrDir).isDirectory()) return [fileOrDir];
  return readdirSync(fileOrDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(fileOrDir, name));
}

export class PactFileError extends Error {}

export function loadPact(path: string): LoadedPact {
  let pact: PactFile;
  try {
    pact = JSON.parse(readFileSync(path, 'utf8')) as PactFile;
  } catch (error) {
    throw new PactFileError(
      `${path}: not a readable JSON file (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!pact || typeof pact !== 'object' || !Array.isArray(pact.interactions)) {
    throw new PactFileError(`${path}: not a pact file (no "interactions" list)`);
  }
  return { path, pact };
}

/** The interaction's provider states, whichever pact version wrote them. */
export function statesOf(interaction: PactInteraction): { name: string; params: Record<string, unknown> }[] {
  if (interaction.providerStates)
    return interaction.providerStates.map((s) => ({ name: s.name, params: s.params ?? {} }));
  return interaction.providerState ? [{ name: interaction.providerState, params: {} }] : [];
}

/** The example body: V4 keeps it under `content`, V2/V3 inline. */
export function exampleBody(body: unknown): unknown {
  if (body && typeof body === 'object' && 'content' in body && ('contentType' in body || 'encoded' in body)) {
    const content = (body as { content: unknown; encoded?: unknown }).content;
    if (typeof content === 'string' && (body as { encoded?: unknown }).encoded === false) {
      try {
        return JSON.parse(content);
      } catch {
        return content;
      }
    }
    return content;
  }
  return body;
}

/** `method path` plus its states: how interactions are named in output. */
export function interactionLabel(interaction: PactInteraction): string {
  const states = statesOf(interaction).map((s) => s.name);
  return `${interaction.description}${states.length ? ` (given ${states.join(', ')})` : ''}`;
}
