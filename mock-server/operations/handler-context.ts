import type { Agency } from '../state/agency.js';
import type { LiveState } from '../state/live-state.js';
import type { StateChange } from '../state/state-store.js';
import type { MockOptions } from '../options/mock-options.js';

/** What a handler sees: validated input and the state it reads. No Express types reach here. */
export interface HandlerContext {
  /** Path parameters, validated against the contract. */
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters the operation declares (unknown ones were reported and dropped). */
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly agency: Agency;
  /** True when the route's identification parameter names an authorised integrator. */
  readonly authorisedIntegrator: boolean;
  readonly options: MockOptions;
  /** Custom field values set by POST (on any replica of a shared store). */
  readonly customFields: Pick<LiveState, 'customFieldValue'>;
}

export interface HandlerResult {
  readonly status: number;
  readonly body: unknown;
  /** True when the same request always gets the same bytes, so the response may be cached. */
  readonly cacheable: boolean;
  /** What the request changes: saved by the store before the answer is sent, applied only once saved. */
  readonly changes?: readonly StateChange[];
}

export type OperationHandler = (context: HandlerContext) => HandlerResult;
