import { httpGet } from './http-get.js';
import { PAGE_SIZE } from './settings.js';

/** The routes every bench loads, read from the mock's own answers so no ID shape is assumed. */
export interface BenchRoutes {
  /** The first page of PAGE_SIZE tenants. */
  readonly hot: string;
  /** The first tenant of that page, by its own identifier. */
  readonly single: string;
}

const LIST = `/v4/contacts/demo/tenants/0/${PAGE_SIZE}`;
const ONE = '/v4/contacts/demo/tenants/';

/** Fields tried first as the record's identifier; then any other string field whose name ends in ID. */
const LIKELY_ID_FIELDS = ['OID', 'ID', 'TenantID', 'Id', 'id'];

/**
 * GETs the first page and finds the single-record route by asking for the first record under each
 * candidate identifier until the mock answers 200 with that record: the data model (field names,
 * ID formats) may change without the bench knowing.
 */
export async function discoverRoutes(mockUrl: string): Promise<BenchRoutes> {
  const page = await httpGet(mockUrl + LIST);
  if (page.status !== 200) throw new Error(`routes: the mock answered ${page.status} to ${LIST}`);
  const parsed = JSON.parse(page.body.toString('utf8')) as Record<string, unknown>;
  const items = Object.values(parsed).find((value): value is unknown[] => Array.isArray(value));
  const first = items?.[0];
  if (typeof first !== 'object' || first === null) throw new Error(`routes: no records in ${LIST}`);
  const record = first as Record<string, unknown>;
  const names = Object.keys(record).filter((name) => typeof record[name] === 'string');
  const candidates = [
    ...LIKELY_ID_FIELDS.filter((name) => names.includes(name)),
    ...names.filter((name) => /id$/i.test(name) && !LIKELY_ID_FIELDS.includes(name)),
  ];
  for (const name of candidates) {
    const single = ONE + encodeURIComponent(record[name] as string);
    const answer = await httpGet(mockUrl + single);
    if (answer.status !== 200) continue;
    const body = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
    if (body[name] === record[name]) return { hot: LIST, single };
  }
  throw new Error(`routes: no field of the first record (${candidates.join(', ')}) opens it on ${ONE}{id}`);
}
