// IDs seen in answers, so later probes can ask for real records: only string values of
// non-personal properties whose names end in "ID", held in memory for the run, never written.
import type { Guide } from './shape-inference.js';

export interface PoolEntry {
  readonly value: string;
  readonly operationId: string;
  /** The parameters of the request that answered it, so a child route can reuse them. */
  readonly params: Readonly<Record<string, string>>;
  /** Whether it was a record's own identifier (`OID`/`ID` at item or record level). */
  readonly identifier: boolean;
}

const ID_NAME = /id$/i;
const IDENTIFIER_NAME = /^o?id$/i;
/** Bounds memory per route, so one large page cannot crowd out the IDs of the routes after it. */
const MAX_PER_KEY_AND_OPERATION = 200;

export class DiscoveryPool {
  private readonly entries = new Map<string, PoolEntry[]>();
  private readonly counts = new Map<string, number>();

  /** Collects IDs from a record, a list of records or an envelope (one level of nesting). */
  collect(
    body: unknown,
    guide: Guide | undefined,
    operationId: string,
    params: Readonly<Record<string, string>>,
  ): void {
    const visit = (value: unknown, at: Guide | undefined, depth: number): void => {
      if (depth > 3 || value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        const items = at?.items();
        for (const item of value) visit(item, items, depth + 1);
        return;
      }
      for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
        const child = at?.child(name);
        if (child?.personal) continue;
        if (typeof inner === 'string' && inner !== '' && ID_NAME.test(name)) {
          const key = name.toLowerCase();
          const list = this.entries.get(key) ?? [];
          const counted = `${key} ${operationId}`;
          const count = this.counts.get(counted) ?? 0;
          if (count < MAX_PER_KEY_AND_OPERATION) {
            list.push({ value: inner, operationId, params, identifier: IDENTIFIER_NAME.test(name) });
            this.counts.set(counted, count + 1);
          }
          this.entries.set(key, list);
        } else if (typeof inner === 'object') visit(inner, child, depth + 1);
      }
    };
    visit(body, guide, 0);
  }

  /** The value of `key` seen under the most operations (a person with several roles), if any. */
  mostShared(key: string): { value: string; operations: number } | undefined {
    const list = this.entries.get(key.toLowerCase());
    if (!list || list.length === 0) return undefined;
    const operationsOf = new Map<string, Set<string>>();
    for (const entry of list) {
      const set = operationsOf.get(entry.value) ?? new Set<string>();
      set.add(entry.operationId);
      operationsOf.set(entry.value, set);
    }
    let best: { value: string; operations: number } | undefined;
    for (const [value, operations] of operationsOf) {
      if (!best || operations.size > best.operations) best = { value, operations: operations.size };
    }
    return best;
  }

  /** A record identifier answered by one operation. */
  identifierFrom(operationId: string): string | undefined {
    for (const list of this.entries.values()) {
      const entry = list.find((candidate) => candidate.identifier && candidate.operationId === operationId);
      if (entry) return entry.value;
    }
    return undefined;
  }

  /** Any record identifier at all. */
  anyIdentifier(): string | undefined {
    for (const list of this.entries.values()) {
      const entry = list.find((candidate) => candidate.identifier);
      if (entry) return entry.value;
    }
    return undefined;
  }

  /**
   * For a parameter like `fieldID`: an entry under a key it ends with (`FieldID`, `ID`) from an
   * answer whose request used only parameters this route also has (the object's definitions).
   */
  fromParent(parameter: string, routeParameters: ReadonlySet<string>): PoolEntry | undefined {
    const wanted = parameter.toLowerCase();
    const keys = [...this.entries.keys()].filter((key) => key.length >= 2 && wanted.endsWith(key));
    keys.sort((a, b) => b.length - a.length);
    for (const key of keys) {
      const entry = this.entries.get(key)?.find(
        (candidate) =>
          // The answer was about the other parameters (its object), not about this one itself.
          !(parameter in candidate.params) &&
          Object.keys(candidate.params).every((name) => routeParameters.has(name)) &&
          Object.keys(candidate.params).length > 0,
      );
      if (entry) return entry;
    }
    return undefined;
  }
}
