import type { Agency } from '../state/agency.js';
import type { CustomFieldStore } from '../state/custom-field-store.js';
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
  readonly customFields: CustomFieldStore;
}

export interface HandlerResult {
  readonly status: number;
  readonly body: unknown;
  /** True when the same request always gets the same bytes, so the response may be cached. */
  readonly cacheable: boolean;
}

export type OperationHandler = (context: HandlerContext) => HandlerResult;
