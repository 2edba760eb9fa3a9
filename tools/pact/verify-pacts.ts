import { listenOnLoopback } from '../../mock-server/http/listen-on-loopback.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import type { RequestHandler } from 'express';
import { createMockServer } from '../../mock-server/create-mock-server.js';
import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';
import { describeProviderStates } from '../../mock-server/control/provider-states.js';
import { discoveryStates, type StateSetup } from './discovery-states.js';
import { interactionLabel, loadPact, statesOf, type LoadedPact, type PactInteraction } from './pact-files.js';
import { RollingWindowLimiter } from '../../src/rolling-window-limiter.js';

export const PROVIDER_NAME = 'agentos-v4-contacts';
/** A state the control API has no route for; the verifier emulates it with `Prefer: code=429`. */
export const RATE_LIMITED_STATE = 'the API key has used up its rate limit';

export type InteractionStatus = 'passed' | 'failed' | 'skipped';

export interface InteractionResult {
  readonly pactFile: string;
  readonly consumer: string;
  readonly description: string;
  readonly states: string[];
  readonly label: string;
  readonly status: InteractionStatus;
  readonly reasons: string[];
}

export interface VerifyPactsOptions {
  readonly pactFiles: readonly string[];
  /** The provider; undefined starts the mock in-process on a free 127.0.0.1 port. */
  readonly providerBaseUrl?: string;
  /** The key sent to a live provider (replaces the pact's example `api_key`). */
  readonly apiKey?: string;
  /** Live runs skip POST interactions unless true. */
  readonly allowWrites?: boolean;
  /** The live provider's rate limit, shared by state discovery and the verified requests. */
  readonly rateLimit?: { requests: number; windowMs: number };
  readonly mockOptions?: MockOptionsInput;
  readonly logLevel?: 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

export interface VerifyPactsResult {
  readonly ok: boolean;
  readonly providerBaseUrl: string;
  readonly target: 'mock' | 'live';
  readonly results: InteractionResult[];
  /** Problems outside any interaction (the verifier could not run, a file was unreadable). */
  readonly errors: string[];
}

interface VerifierJson {
  result?: boolean;
  errors?: { interaction?: string; mismatch?: unknown }[];
}

async function startInProcessMock(options: MockOptionsInput): Promise<{ url: string; close: () => Promise<void> }> {
  const mock = await createMockServer({ quiet: true, ...options });
  const { server, url: listeningUrl } = await listenOnLoopback(mock.requestListener);
  return {
    url: listeningUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether the base URL is this kit's mock (it answers the control API). */
async function isMock(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/__mock/states`, { signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** State handlers through the mock's control API: the IDs it returns feed `fromProviderState`. */
function mockStates(
  baseUrl: string,
  names: Iterable<string>,
  flags: { rateLimited: boolean },
): Record<string, StateSetup> {
  const handlers: Record<string, StateSetup> = {};
  for (const name of names) {
    handlers[name] =
      name === RATE_LIMITED_STATE
        ? async () => {
            flags.rateLimited = true;
            return {};
          }
        : async (params) => {
            const response = await fetch(`${baseUrl}/__mock/states`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ state: name, params: params ?? {} }),
            });
            const body = (await response.json()) as { ids?: Record<string, unknown>; detail?: string };
            if (!response.ok) throw new Error(`provider state "${name}": ${response.status} ${body.detail ?? ''}`);
            return body.ids ?? {};
          };
  }
  return handlers;
}

function mismatchText(mismatch: unknown): string[] {
  if (!mismatch || typeof mismatch !== 'object') return [String(mismatch)];
  const record = mismatch as { mismatches?: unknown[]; message?: string; type?: string };
  if (Array.isArray(record.mismatches)) {
    const lines = record.mismatches.map((item) => {
      const m = item as { mismatch?: string; path?: string; type?: string; key?: string };
      const where = m.path ?? m.key;
      return `${m.type ?? 'Mismatch'}${where ? ` at ${where}` : ''}: ${m.mismatch ?? JSON.stringify(item)}`;
    });
    // One line per kind of mismatch: `$.Data[0]`..`$.Data[99]` missing OID is one finding.
    return [...new Set(lines.map((line) => line.replace(/\[\d+\]/g, '[*]')))];
  }
  return [record.message ?? JSON.stringify(mismatch)];
}

function parseVerifierJson(text: string): VerifierJson | undefined {
  try {
    return JSON.parse(text) as VerifierJson;
  } catch {
    return undefined;
  }
}

/**
 * Verifies pact files against the mock (in-process, or a running one) or a live provider, and
 * reports every interaction: passed, failed (with the mismatches) or skipped (with why).
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<VerifyPactsResult> {
  const pacts: LoadedPact[] = options.pactFiles.map(loadPact);
  const started = options.providerBaseUrl ? undefined : await startInProcessMock(options.mockOptions ?? {});
  const baseUrl = (options.providerBaseUrl ?? (started as { url: string }).url).replace(/\/+$/, '');
  const target = started || (await isMock(baseUrl)) ? 'mock' : 'live';
  const workDir = mkdtempSync(join(tmpdir(), 'agentos-pact-verify-'));
  const results: InteractionResult[] = [];
  const errors: string[] = [];
  try {
    // Live runs leave out what they cannot do safely; the rest go to the verifier in filtered copies.
    const skipReason = (interaction: PactInteraction): string | undefined => {
      if (target !== 'live') return undefined;
      if (interaction.request.method.toUpperCase() !== 'GET' && !options.allowWrites)
        return 'a write interaction; set PACT_ALLOW_WRITES=true to run it against the live provider';
      if (statesOf(interaction).some((s) => s.name === RATE_LIMITED_STATE))
        return 'exhausting the live rate limit risks a block of the key; confirmed against the mock only';
      return undefined;
    };
    const files: string[] = [];
    const stateNames = new Set(describeProviderStates().map((s) => s.state));
    stateNames.add(RATE_LIMITED_STATE);
    pacts.forEach(({ path, pact }, index) => {
      const kept = pact.interactions.filter((interaction) => {
        for (const state of statesOf(interaction)) stateNames.add(state.name);
        const reason = skipReason(interaction);
        if (reason) {
          results.push({
            pactFile: path,
            consumer: pact.consumer.name,
            description: interaction.description,
            states: statesOf(interaction).map((s) => s.name),
            label: interactionLabel(interaction),
            status: 'skipped',
            reasons: [reason],
          });
        }
        return !reason;
      });
      if (kept.length === 0) return;
      const copy = join(workDir, `${index}-${basename(path)}`);
      writeFileSync(copy, JSON.stringify({ ...pact, interactions: kept }));
      files.push(copy);
    });

    const flags = { rateLimited: false };
    const limiter =
      target === 'live' ? new RollingWindowLimiter(options.rateLimit ?? { requests: 45, windowMs: 60_000 }) : undefined;
    const stateHandlers =
      target === 'mock'
        ? mockStates(baseUrl, stateNames, flags)
        : discoveryStates({ baseUrl, apiKey: options.apiKey ?? '', limiter: limiter as RollingWindowLimiter });

    const requestFilter: RequestHandler = (req, _res, next) => {
      if (!req.path.startsWith('/v4/')) return next();
      if (target === 'mock' && flags.rateLimited) req.headers.prefer = 'code=429';
      // The pact's example key is replaced, never added: an interaction without a key stays without one.
      if (options.apiKey && req.headers.api_key !== undefined) req.headers.api_key = options.apiKey;
      if (!limiter) return next();
      limiter.acquire().then(
        (slot) => {
          _res.once('finish', () => slot.release());
          _res.once('close', () => slot.release());
          next();
        },
        (error: unknown) => next(error),
      );
    };

    let json: VerifierJson | undefined;
    if (files.length > 0) {
      try {
        const output = await new Verifier({
          provider: PROVIDER_NAME,
          providerBaseUrl: baseUrl,
          pactUrls: files,
          stateHandlers,
          requestFilter,
          beforeEach: async () => {
            flags.rateLimited = false;
            if (target === 'mock') await fetch(`${baseUrl}/__mock/reset`, { method: 'POST' });
          },
          logLevel: options.logLevel ?? 'error',
        }).verifyProvider();
        json = parseVerifierJson(output);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        json = parseVerifierJson(message);
        if (process.env.PACT_VERIFY_DEBUG) process.stderr.write(`${message.slice(0, 3000)}\n`);
        if (!json) errors.push(`the verifier did not run: ${message}`);
      }
    }
    const failures = json?.errors ?? [];
    for (const { path, pact } of pacts) {
      for (const interaction of pact.interactions) {
        if (skipReason(interaction)) continue;
        const failed = failures.filter(
          (failure) =>
            // The verifier names it "Verifying a pact between C and P[ Given S] - description".
            failure.interaction === interaction.description ||
            (failure.interaction?.endsWith(` - ${interaction.description}`) === true &&
              failure.interaction.includes(`pact between ${pact.consumer.name} and `)),
        );
        results.push({
          pactFile: path,
          consumer: pact.consumer.name,
          description: interaction.description,
          states: statesOf(interaction).map((s) => s.name),
          label: interactionLabel(interaction),
          status:
            failed.length > 0 || errors.length > 0 || (json?.result === false && failures.length === 0)
              ? 'failed'
              : 'passed',
          reasons: failed.length > 0 ? failed.flatMap((f) => mismatchText(f.mismatch)) : errors,
        });
      }
    }
    const ok = errors.length === 0 && results.every((result) => result.status !== 'failed');
    return { ok, providerBaseUrl: baseUrl, target, results, errors };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await started?.close();
  }
}
