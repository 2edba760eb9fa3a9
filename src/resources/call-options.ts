/** Options every client method takes. */
export interface CallOptions {
  /** Aborts the call, including any wait for a rate-limit slot. */
  readonly signal?: AbortSignal;
}

/** A list request: `offset` from 0, `count` 1..1000 (agentOS's paging, both path segments). */
export interface ListOptions extends CallOptions {
  readonly offset?: number;
  readonly count?: number;
}

/** A walk over every record of a list. */
export interface AllOptions extends CallOptions {
  /** Records per request, 1..1000; larger pages use less of the rate limit. */
  readonly pageSize?: number;
}

/** Contact lists can be filtered by branch, the article's way of syncing territory by territory. */
export interface BranchFilter {
  /** A branch `OID`; only that branch's contacts. */
  readonly branchID?: string;
}

export const DEFAULT_LIST_COUNT = 100;

/** Encodes one path segment (IDs come from callers and must not change the route). */
export const segment = (value: string | number): string => encodeURIComponent(String(value));
