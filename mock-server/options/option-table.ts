import { CONTACT_TYPE_KEYS, CONTACT_TYPES } from '../../fixtures/contact-types.js';
import { TLS_MODES } from '../cli/tls.js';
import { storeUrlProblem } from '../state/store-settings.js';
import {
  choice,
  clockStart,
  duration,
  integer,
  latency,
  list,
  mebibytes,
  onOff,
  rateLimit,
  share,
  text,
  type OptionKind,
} from './option-kinds.js';

/** The largest data set per type: well inside exact integer maths. */
export const MAX_RECORDS_PER_TYPE = 1_000_000_000;
export const MAX_BRANCHES = 9_999;

/**
 * One start-up setting, declared once: its flag, MOCK_* twin, value kind (parse and range check),
 * help line and default. --help, the README's flag table, the landing page and resolveOptions's
 * checks all read this table.
 */
export interface OptionSpec {
  /** The flag without dashes, e.g. `consent-rate`; the environment twin is derived from it. */
  readonly flag: string;
  /**
   * Where the value goes: a MockOptions field (`seed`, `counts.tenants`), or `serve.<name>` for
   * settings of the listening server only (TLS), which the mock itself never sees.
   */
  readonly field: string;
  readonly kind: OptionKind<never>;
  readonly description: string;
  /** The default as the help shows it, when the value itself would not say it well. */
  readonly defaultText?: string;
  /** A value never shown (the landing page says only whether it is set). */
  readonly secret?: boolean;
}

/** The MOCK_* environment twin of a flag. */
export function environmentName(flag: string): string {
  return `MOCK_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** `--store`: memory or a Redis URL, checked in one line that never shows a password. */
const STORE: OptionKind<string> = { argument: '<url>', parse: (value) => value, check: storeUrlProblem };
const STORE_PREFIX = { test: /^[\x21-\x7e]{1,200}$/, says: 'must be 1 to 200 printable characters without spaces' };
const SHORT_NAME = { test: /^[A-Za-z0-9_-]{1,64}$/, says: 'is not a valid short name (letters, digits, _ and -)' };
const API_KEY = { test: /^[^:\s]+(:[a-z0-9_-]+(,[a-z0-9_-]+)*)?$/i, says: 'is not KEY or KEY:tier,tier' };

function option(
  flag: string,
  field: string,
  kind: OptionKind<never>,
  description: string,
  defaultText?: string,
): OptionSpec {
  return defaultText === undefined
    ? { flag, field, kind, description }
    : { flag, field, kind, description, defaultText };
}

function secret(spec: OptionSpec): OptionSpec {
  return { ...spec, secret: true };
}

// `OptionKind<never>` lets specs of every value type share one array; each kind checks its own values.
const k = <T>(kind: OptionKind<T>): OptionKind<never> => kind as unknown as OptionKind<never>;

export const OPTION_TABLE: readonly OptionSpec[] = [
  option('port', 'port', k(integer(0, 65_535)), 'port to listen on (0 picks a free one)'),
  option('host', 'host', k(text('<address>')), 'interface to bind (0.0.0.0 in containers)'),
  option(
    'seed',
    'seed',
    k(integer(0, 2 ** 32 - 1)),
    'data seed: the same seed and settings give byte-identical responses',
  ),
  option('consent-rate', 'consentRate', k(share()), 'share of people who consented to Third Party Marketing'),
  ...CONTACT_TYPE_KEYS.map((type) =>
    option(
      `consent-rate-${CONTACT_TYPES[type].flagName}`,
      `consentRates.${type}`,
      k(share()),
      `consent rate of people whose first role is ${CONTACT_TYPES[type].flagName}`,
      '--consent-rate',
    ),
  ),
  ...CONTACT_TYPE_KEYS.map((type) =>
    option(
      CONTACT_TYPES[type].flagName,
      `counts.${type}`,
      k(integer(0, MAX_RECORDS_PER_TYPE, '<count>')),
      `${CONTACT_TYPES[type].flagName} per agency (up to ${MAX_RECORDS_PER_TYPE.toLocaleString('en-GB')})`,
    ),
  ),
  option('branches', 'branches', k(integer(1, MAX_BRANCHES, '<count>')), 'branches per agency'),
  option(
    'multi-role-share',
    'multiRoleShare',
    k(share(0.9)),
    "share of each type's records whose person holds another role too (at most 0.9)",
  ),
  option(
    'withheld',
    'withheld',
    k(choice(['redact', 'omit'] as const)),
    'records without consent: redact (personal fields withheld) or omit (left out of lists)',
  ),
  option(
    'nulls',
    'nulls',
    k(choice(['null', 'absent'] as const)),
    "empty or withheld properties: null (Json.NET's habit: every property of the schema present) or absent",
  ),
  option(
    'errors',
    'errors',
    k(choice(['agentos', 'problem'] as const)),
    'error bodies: agentos ({"Message": ...}, application/json) or problem (RFC 9457 problem+json)',
  ),
  option(
    'unpaged',
    'unpaged',
    k(choice(['array', 'envelope'] as const)),
    'unpaged lists (personcontacts): a bare array, as agentOS answers unpaged collections, or {Count, Data}',
  ),
  option(
    'retry-after',
    'retryAfter',
    k(choice(['omit', 'send'] as const)),
    'Retry-After on 429 and the 403 block: omit (agentOS promises none) or send',
  ),
  option(
    'over-max',
    'overMax',
    k(choice(['reject', 'clamp'] as const)),
    'count above 1000: reject (400) or clamp (answer 1000 records, as live V2 did)',
  ),
  option(
    'dates',
    'dates',
    k(choice(['local', 'utc'] as const)),
    'date-times: local (2017-03-20T00:00:00, as agentOS) or utc (the same digits with Z)',
  ),
  option(
    'unlisted-enums',
    'unlistedEnums',
    k(share()),
    'share of enum values (all but ContactType) replaced by agentOS-style values the contract does not list',
  ),
  option(
    'authorised-integrator',
    'authorisedIntegrators',
    k(list('<name>', /,/, text('<name>'))),
    'integrator that receives ConsentDetails (repeatable; comma-separated in the environment)',
    'none',
  ),
  secret(
    option(
      'api-key',
      'apiKeys',
      k(list('<key[:tiers]>', /\s+/, text('<key>', API_KEY), 'skip')),
      'accepted API key, optionally with its tiers, e.g. abc:contacts,properties (repeatable; space-separated in the environment)',
      'any non-empty key',
    ),
  ),
  option(
    'short-name',
    'shortNames',
    k(list('<name>', /,/, text('<name>', SHORT_NAME))),
    'agency short name served (repeatable; comma-separated in the environment)',
  ),
  option('response-cache-mb', 'responseCacheMb', k(mebibytes), 'memory for recently served responses (0 turns it off)'),
  option(
    'tls',
    'serve.tls',
    k(choice(TLS_MODES)),
    'self-signed: serve HTTPS with a certificate made at start-up; off: plain HTTP',
    'off',
  ),
  option(
    'tls-cert',
    'serve.tlsCert',
    k(text('<file>')),
    'PEM certificate to serve HTTPS with (needs --tls-key)',
    'none',
  ),
  option('tls-key', 'serve.tlsKey', k(text('<file>')), 'PEM private key of --tls-cert', 'none'),
  option(
    'tls-dir',
    'serve.tlsDir',
    k(text('<folder>')),
    'where --tls self-signed writes cert.pem',
    'a new temp folder',
  ),
  option('quiet', 'quiet', k(onOff), 'no request log (otherwise one JSON line per request, key redacted)'),
  option(
    'profile',
    'profile',
    k(choice(['none', 'agentos'] as const, '<name>')),
    'behaviour bundle: agentos = --rate-limit 50/60s, the block, and 80-300 ms latency; explicit flags win',
  ),
  option('rate-limit', 'rateLimit', k(rateLimit), 'rolling-window limit per API key, e.g. 50/60s or 5/2s', 'off'),
  option(
    'block-after',
    'blockAfter',
    k(integer(0, 1_000_000, '<count>')),
    'requests a rate-limited key may still send before it gets 403s',
  ),
  option('block-for', 'blockForMs', k(duration(7 * 86_400_000)), 'how long a blocked key stays blocked', '5m'),
  option('latency', 'latency', k(latency), 'added delay per request: 150ms, or a range 100-400ms (seeded)', 'none'),
  option(
    'error-rate',
    'errorRate',
    k(share()),
    'share of requests answered 503 (seeded: the same run fails the same requests)',
  ),
  option(
    'clock',
    'clock',
    k(clockStart),
    'where the simulated clock starts: an ISO instant, or real for the wall clock',
  ),
  option('clock-frozen', 'clockFrozen', k(onOff), 'time moves only through POST /__mock/clock (for tests)'),
  option(
    'consent-churn',
    'consentChurn',
    k(share()),
    'share of people whose consent flips per simulated day, both ways',
  ),
  option('journal-size', 'journalSize', k(integer(0, 1_000_000, '<count>')), 'requests the journal keeps'),
  option(
    'journal-mb',
    'journalMb',
    k(integer(1, 4096, '<mib>')),
    'memory the journal may use; the oldest entries go first (each entry is cut to a few KB)',
  ),
  option(
    'headers-timeout',
    'headersTimeoutMs',
    k(duration(600_000)),
    "how long a connection may take to send a request's headers; a silent one is closed then",
    '10s',
  ),
  option(
    'request-timeout',
    'requestTimeoutMs',
    k(duration(3_600_000)),
    'how long a whole request (headers and body) may take to arrive',
    '30s',
  ),
  option(
    'max-connections',
    'maxConnections',
    k(integer(1, 1_000_000, '<count>')),
    'open connections held at once; one more is answered 503 and closed',
  ),
  secret(option('admin-token', 'adminToken', k(text('<token>')), 'bearer token required on /__mock/', 'none')),
  option(
    'state-file',
    'stateFile',
    k(text('<path>')),
    'keeps custom field values and consent overrides across restarts',
    'memory only',
  ),
  // Secret: a Redis URL may carry a password (/readyz and the log show it without).
  secret(
    option(
      'store',
      'store',
      k(STORE),
      'where shared state lives: memory, or redis://[user:password@]HOST:PORT[/DB] (rediss:// for TLS) to share it between replicas',
    ),
  ),
  option(
    'store-prefix',
    'storePrefix',
    k(text('<prefix>', STORE_PREFIX)),
    'key namespace in the store',
    'a hash of the settings that shape data and state',
  ),
];

/** The spec of a MockOptions field, so an error about a setting names the flag the user typed. */
export function specOfField(field: string): OptionSpec | undefined {
  return OPTION_TABLE.find((spec) => spec.field === field);
}
