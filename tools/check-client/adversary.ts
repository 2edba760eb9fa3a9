import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimit } from '../../mock-server/options/mock-options.js';
import type { ControlClient } from '../testing/control-client.js';
import { ADVERSARY_MARK } from './mock-host.js';

export interface AdversarySettings {
  readonly url: string;
  readonly apiKey: string;
  /** A list path of one record on the agency (the other client's harmless read). */
  readonly probePath: string;
  /** Without a rate limit there is no budget to take: only consent is withdrawn. */
  readonly rateLimit: RateLimit | undefined;
  /** Share of the key's budget the other client takes, 0..1. */
  readonly share: number;
  readonly control: ControlClient;
  /** The command's requests so far: consent is withdrawn once it has started reading. */
  readonly commandRequests: () => number;
  /** Requests of the command after which consent is withdrawn. */
  readonly withdrawAfter: number;
}

export interface AdversaryOutcome {
  readonly requests: number;
  /** People whose consent was withdrawn mid-run, and when (ms, simulated clock). */
  readonly withdrawn: readonly string[];
  readonly withdrawnAt: number | undefined;
  readonly withdrawalError: string | undefined;
}

/** Provider states whose person gets withdrawn: a few roles, so several lists are touched. */
const WITHDRAWN_STATES = ['a tenant exists', 'a landlord exists', 'a lettings applicant exists'];

/**
 * The other client on the same key: it takes `share` of every window at an even pace, waits a
 * full window after a 429 (so it is never the reason the key is blocked), and withdraws some
 * people's consent once the command has started reading.
 */
export function startAdversary(settings: AdversarySettings): { stop(): Promise<AdversaryOutcome> } {
  const controller = new AbortController();
  const { signal } = controller;
  const { rateLimit } = settings;
  let requests = 0;
  const withdrawn: string[] = [];
  let withdrawnAt: number | undefined;
  let withdrawalError: string | undefined;

  const borrow = async (): Promise<void> => {
    if (!rateLimit) return;
    const intervalMs = rateLimit.windowMs / Math.max(1, Math.round(settings.share * rateLimit.requests));
    while (!signal.aborted) {
      const answer = await fetch(`${settings.url}${settings.probePath}?${ADVERSARY_MARK}=1`, {
        headers: { api_key: settings.apiKey },
        signal,
      }).catch(() => undefined);
      await answer?.arrayBuffer().catch(() => undefined);
      requests++;
      const limited = answer?.status === 429 || answer?.status === 403;
      await sleep(limited ? rateLimit.windowMs : intervalMs, undefined, { signal }).catch(() => undefined);
    }
  };

  const withdraw = async (): Promise<void> => {
    while (!signal.aborted && settings.commandRequests() < settings.withdrawAfter) {
      await sleep(20, undefined, { signal }).catch(() => undefined);
    }
    if (signal.aborted) return;
    try {
      for (const state of WITHDRAWN_STATES) {
        const ids = await settings.control.givenState(state, { consent: true });
        const person = ids.personID;
        if (typeof person !== 'string') continue;
        await settings.control.setConsent(person, false);
        withdrawn.push(person);
      }
      withdrawnAt = Date.parse((await settings.control.clock()).now);
    } catch (error) {
      withdrawalError = error instanceof Error ? error.message : String(error);
    }
  };

  const running = Promise.all([borrow(), withdraw()]);
  return {
    async stop() {
      controller.abort();
      await running;
      return { requests, withdrawn, withdrawnAt, withdrawalError };
    },
  };
}
