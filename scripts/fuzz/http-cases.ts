import type { ContractOperation } from '../../mock-server/contract/contract.js';
import type { Random } from './random.js';

/** One request made with node:http (path bytes as given). */
export interface HttpCase {
  readonly kind: 'http';
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** A status the request asked for (Prefer: code=N), so a 5xx it gets is not a finding. */
  readonly requested?: number;
}

/** IDs and names the mock has answered with, so requests reach real records (IDs are opaque). */
export class IdPool {
  private readonly ids = new Map<string, string[]>();

  /** Collects every string under an ID-like key of a JSON answer. */
  learn(value: unknown, depth = 0): void {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (typeof inner === 'string' && /(ID|OID)$/i.test(key) && inner.length < 80) {
        const list = this.ids.get(key.toLowerCase()) ?? [];
        if (list.length < 200 && !list.includes(inner)) list.push(inner);
        this.ids.set(key.toLowerCase(), list);
      } else if (typeof inner === 'object') this.learn(inner, depth + 1);
    }
  }

  any(random: Random): string | undefined {
    const lists = [...this.ids.values()];
    return lists.length === 0 ? undefined : random.pick(random.pick(lists));
  }
}

const PREFER_VALID = [
  'code=401',
  'code=403',
  'code=404',
  'code=429',
  'code=500',
  'code=503',
  'delay=5',
  'code=404, delay=3',
];
const PREFER_BAD = ['code=0500', 'code=200', 'code=', 'delay=99999999', 'x=1', ',,', 'code=5e2', 'code=500;;delay=abc'];

/** A mutated form of an ID: what a client with a bug or a stale cache sends. */
function mutate(random: Random, id: string): string {
  switch (random.int(0, 6)) {
    case 0:
      return id.slice(0, random.int(0, id.length));
    case 1:
      return `${id}${random.text(random.int(1, 4))}`;
    case 2:
      return id.replace(/[0-9a-f]/i, random.pick(['0', 'z', 'F', '9']));
    case 3:
      return encodeURIComponent(random.pick(['../', '%', '\u00e9', ' ', '%00', '..%2f', "'", '"']));
    case 4:
      return String(random.pick([-1, 0, 2 ** 31, 2 ** 53, 1e21]));
    case 5:
      return random.text(random.int(1, 300));
    default:
      return id.toLowerCase();
  }
}

function pathValue(random: Random, name: string, pool: IdPool): string {
  if (name === 'shortName') return random.chance(0.9) ? 'demo' : random.pick(['nope', 'DEMO', '%20', random.text(70)]);
  if (name === 'offset' || name === 'count') {
    return random.chance(0.8)
      ? String(random.int(0, name === 'count' ? 30 : 6000))
      : random.pick(['-1', '1.5', '1e3', '99999999999999999999', 'abc', '0x10', '1001', '']);
  }
  const id = pool.any(random) ?? 'X';
  return random.chance(0.7) ? encodeURIComponent(id) : mutate(random, id);
}

function queryOf(random: Random, operation: ContractOperation, pool: IdPool): string {
  const pairs: string[] = [];
  for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
    if (!random.chance(0.3)) continue;
    const value = random.chance(0.6) ? (pool.any(random) ?? 'x') : mutate(random, pool.any(random) ?? 'x');
    pairs.push(`${parameter.name}=${encodeURIComponent(value)}`);
  }
  const unknown = random.chance(0.1) ? random.int(1, random.chance(0.1) ? 700 : 5) : 0;
  for (let index = 0; index < unknown; index++) pairs.push(`${random.text(random.int(1, 12))}=${random.text(3)}`);
  if (random.chance(0.05)) pairs.push(random.pick(['api%5Fkey=k', 'API_KEY=k', 'a[b]=1', '%zz=1', 'x', '=', '&&']));
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

function bodyOf(random: Random): { body?: string; contentType?: string } {
  switch (random.int(0, 9)) {
    case 0:
      return {};
    case 1:
      return { body: 'null', contentType: 'application/json' };
    case 2:
      return { body: '{"Value": ', contentType: 'application/json' };
    case 3:
      return { body: JSON.stringify({ Value: 'x'.repeat(20_000) }), contentType: 'application/json' };
    case 4:
      return { body: 'Value=1', contentType: 'application/x-www-form-urlencoded' };
    case 5:
      return {
        body: JSON.stringify({ Value: random.pick([1, true, null, [], {}, '2026-01-01']) }),
        contentType: 'text/plain',
      };
    default:
      return {
        body: JSON.stringify({
          Value: random.pick([1, 2.5, true, false, null, 'Morning', '2026-01-01', [], { a: 1 }]),
        }),
        contentType: random.pick(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON']),
      };
  }
}

/** A request to one of the contract's operations, valid or spoiled in one or more places. */
export function v4Case(random: Random, operations: readonly ContractOperation[], pool: IdPool): HttpCase {
  const operation = random.pick(operations);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValue(random, name, pool));
  const headers: Record<string, string> = {};
  if (random.chance(0.92)) headers.api_key = random.chance(0.95) ? 'fuzz-key' : random.pick(['', ' ', 'other']);
  let requested: number | undefined;
  if (random.chance(0.08)) {
    const prefer = random.chance(0.6) ? random.pick(PREFER_VALID) : random.pick(PREFER_BAD);
    headers.Prefer = prefer;
    const code = /^code=(\d{3})(,|$)/.exec(prefer)?.[1];
    if (code) requested = Number(code);
  }
  if (random.chance(0.03)) headers['X-Junk'] = random.text(random.int(1, 2000));
  const method = random.chance(0.95)
    ? operation.method.toUpperCase()
    : random.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  const { body, contentType } = method === 'POST' || random.chance(0.03) ? bodyOf(random) : {};
  if (contentType) headers['Content-Type'] = contentType;
  return {
    kind: 'http',
    method,
    path: path + queryOf(random, operation, pool),
    headers,
    ...(body === undefined ? {} : { body }),
    ...(requested ? { requested } : {}),
  };
}

const STATES = [
  'a branch exists',
  'a tenant exists',
  'a landlord exists',
  'a vendor exists',
  'a custom field value is set',
  'no record has the ID',
  'toString',
  '__proto__',
  'nope',
];
const ADVANCES = [
  'PT1S',
  'PT60S',
  'P1D',
  'P2DT3H',
  'P99999999D',
  'PT999999999999999999999H',
  'P1Y',
  'P',
  '-P1D',
  'P36526D',
  `P${'9'.repeat(50)}D`,
];

/** A call to the control API: states, consent, journal, clock (with absurd advances), reset. */
export function controlCase(random: Random, pool: IdPool): HttpCase {
  const json = { 'Content-Type': 'application/json' };
  switch (random.int(0, 7)) {
    case 0:
      return {
        kind: 'http',
        method: 'POST',
        path: '/__mock/states',
        headers: json,
        body: JSON.stringify({
          state: random.pick(STATES),
          params: random.chance(0.5) ? { consent: random.chance(0.5) } : { shortName: random.pick(['demo', 'x', 1]) },
        }),
      };
    case 1:
    case 2:
      return {
        kind: 'http',
        method: 'POST',
        path: '/__mock/clock',
        headers: json,
        body: JSON.stringify({ advance: random.pick(ADVANCES) }),
      };
    case 3: {
      const person = encodeURIComponent(pool.any(random) ?? 'X');
      return random.chance(0.5)
        ? {
            kind: 'http',
            method: 'PUT',
            path: `/__mock/people/${person}/consent`,
            headers: json,
            body: JSON.stringify({ ThirdPartyMarketing: random.pick([true, false, 'yes', null]) }),
          }
        : { kind: 'http', method: 'DELETE', path: `/__mock/people/${person}/consent`, headers: {} };
    }
    case 4:
      return {
        kind: 'http',
        method: 'GET',
        path: `/__mock/requests${random.pick(['', '?limit=5', '?status=400', '?key=fuzz-key', '?since=nope', '?limit=0', '?method=get&path=tenants'])}`,
        headers: {},
      };
    case 5:
      return {
        kind: 'http',
        method: 'GET',
        path: random.pick(['/__mock/clock', '/__mock/states', '/healthz', '/openapi.json']),
        headers: {},
      };
    case 6:
      return random.chance(0.1)
        ? { kind: 'http', method: 'POST', path: '/__mock/reset', headers: {} }
        : { kind: 'http', method: 'DELETE', path: '/__mock/requests', headers: {} };
    default:
      return {
        kind: 'http',
        method: 'POST',
        path: '/__mock/clock',
        headers: json,
        body: random.pick(['null', '{', '[]', '{"advance": 5}', '']),
      };
  }
}
