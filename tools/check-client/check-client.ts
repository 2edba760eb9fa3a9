import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';
import { createControlClient } from '../testing/control-client.js';
import { startAdversary, type AdversaryOutcome } from './adversary.js';
import { grade } from './grade.js';
import { listTotals } from './list-totals.js';
import { startMockHost } from './mock-host.js';
import type { CheckClientReport } from './report.js';
import { loadGradedRoutes } from './route-table.js';
import { runPartnerCommand, type CommandOutput } from './run-partner-command.js';

export interface CheckClientSettings {
  /** The mock's options, resolved from the flags (profile agentos unless they say otherwise). */
  readonly mock: MockOptionsInput;
  readonly apiKey: string;
  readonly integrator: string;
  readonly command: readonly string[];
  readonly adversarial: boolean;
  readonly timeoutMs: number;
  readonly minBackoffMs: number;
  readonly maxRetries: number;
  /** Share of the key's budget the other client takes in adversarial mode. */
  readonly adversaryShare: number;
}

/** In adversarial mode, every this-many-th request of the command is answered 503. */
const ADVERSARIAL_503_EVERY = 7;
/** Requests of the command after which consent is withdrawn in adversarial mode. */
const WITHDRAW_AFTER = 4;

/** The journal lost entries: the grade would be built on part of the run, so there is none. */
export class JournalOverflowError extends Error {}

/** Starts a mock, runs the command against it, and grades the command from the mock's journal. */
export async function checkClient(settings: CheckClientSettings, output: CommandOutput): Promise<CheckClientReport> {
  const started = performance.now();
  const host = await startMockHost(settings.mock, {
    stripRetryAfter: settings.adversarial,
    fail503Every: settings.adversarial ? ADVERSARIAL_503_EVERY : 0,
  });
  try {
    const { options } = host.mock;
    const shortName = options.shortNames[0] as string;
    const control = createControlClient(host.url, {
      ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
    });
    const routes = loadGradedRoutes();
    const probeRoute = routes.find((route) => route.paged && route.parameterNames.length === 3);
    const adversary =
      settings.adversarial && probeRoute
        ? startAdversary({
            url: host.url,
            apiKey: settings.apiKey,
            probePath: probeRoute.template
              .replace('{shortName}', encodeURIComponent(shortName))
              .replace('{offset}', '0')
              .replace('{count}', '1'),
            rateLimit: options.rateLimit,
            share: settings.adversaryShare,
            control,
            commandRequests: host.commandRequests,
            withdrawAfter: WITHDRAW_AFTER,
          })
        : undefined;
    const env = {
      AGENTOS_BASE_URL: host.url,
      AGENTOS_API_KEY: settings.apiKey,
      AGENTOS_SHORTNAME: shortName,
      AGENTOS_INTEGRATOR: settings.integrator,
    };
    const outcome = await runPartnerCommand(settings.command, env, settings.timeoutMs, output);
    if (outcome.startError)
      output.stderr(Buffer.from(`check-client: cannot start the command: ${outcome.startError}\n`));
    const adversaryOutcome: AdversaryOutcome | undefined = await adversary?.stop();
    const journal = await host.mock.state.store.journal({});
    if (journal.length < host.answered()) {
      throw new JournalOverflowError(
        `the journal kept ${journal.length} of ${host.answered()} requests; raise --journal-size so it holds the whole run`,
      );
    }
    const result = await grade({
      journal,
      routes,
      rateLimit: options.rateLimit,
      rules: { minBackoffMs: settings.minBackoffMs, maxRetries: settings.maxRetries },
      totals: (series) => listTotals(host, settings.apiKey, series),
      adversary: adversaryOutcome,
    });
    return {
      tool: 'agentos-contacts check-client',
      schemaVersion: 1,
      command: settings.command,
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      timedOut: outcome.timedOut,
      durationMs: Math.round(performance.now() - started),
      adversarial: settings.adversarial,
      mock: {
        profile: options.profile,
        rateLimit: options.rateLimit ?? null,
        seed: options.seed,
        errorRate: options.errorRate,
        shortName,
      },
      requests: { command: result.command.length, adversary: result.adversary.length },
      checks: result.checks,
      passed: result.checks.every((check) => !check.graded || check.status !== 'fail'),
    };
  } finally {
    await host.stop();
  }
}
