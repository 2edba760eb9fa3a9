// The report every writer reads (Markdown, JSON, JUnit, overlay). Its JSON form is described by
// contracts/partner-report.schema.json, shared with the other partner commands.
import type { Label } from './schema-view.js';

/** error and warning are drift; info is said but is not drift. */
export type Severity = 'error' | 'warning' | 'info';

export type FindingCategory =
  | 'provider-only-property'
  | 'missing-required-property'
  | 'unobserved-property'
  | 'type'
  | 'format'
  | 'pattern'
  | 'enum'
  | 'status'
  | 'content-type'
  | 'error-style'
  | 'header'
  | 'route'
  | 'parameter'
  | 'provider-document';

/** What the overlay writer needs to turn a finding into an action on our contract. */
export type OverlayHint =
  | {
      readonly kind: 'add-property';
      readonly propertiesAt: string;
      readonly name: string;
      readonly schema: Record<string, unknown>;
    }
  | {
      readonly kind: 'set';
      readonly at: string;
      readonly update: Record<string, unknown>;
      readonly removeKeys?: readonly string[];
    }
  | { readonly kind: 'unrequire'; readonly requiredOwnerAt: string; readonly required: readonly string[] }
  | { readonly kind: 'add-enum'; readonly at: string; readonly values: readonly string[] };

export interface Finding {
  readonly severity: Severity;
  readonly category: FindingCategory;
  /** The operation (our contract's operationId) the finding is about, when it is about one. */
  readonly operation?: string;
  /** The schema, by the name the contract reaches it through. */
  readonly schema?: string;
  /** Dotted location inside the answer, e.g. `Data[].Address.Town`. */
  readonly path?: string;
  readonly message: string;
  /** How the contract marked that property: a guess now measured, or evidence now contradicted. */
  readonly label?: Label;
  readonly expected?: string;
  readonly observed?: string;
  readonly overlay?: OverlayHint;
}

export type CheckStatus = 'pass' | 'fail' | 'skipped' | 'stopped';

/** One probe: a request drift sent (or could not send), never with its concrete IDs. */
export interface ProbeRecord {
  readonly id: string;
  readonly operation: string;
  readonly route: string;
  readonly description: string;
  readonly status: CheckStatus;
  readonly expectedStatus?: number;
  readonly observedStatus?: number;
  readonly contentType?: string;
  /** Why it was skipped or stopped: budget, rate-limited, blocked, nothing discovered, read-only. */
  readonly reason?: string;
  readonly headers?: readonly string[];
}

export interface Reading {
  readonly switch: string;
  /** The value the provider's behaviour matches, or undefined when nothing showed it. */
  readonly value?: string;
  readonly evidence: string;
}

export interface DriftReport {
  readonly tool: 'drift';
  readonly toolVersion: string;
  readonly generatedAt: string;
  readonly target: { readonly baseUrl: string; readonly shortName: string };
  readonly contract: { readonly title: string; readonly version: string };
  readonly providerContract?: { readonly source: string; readonly title: string; readonly version: string };
  readonly outcome: 'no-drift' | 'drift' | 'incomplete';
  readonly exitCode: 0 | 1 | 3;
  readonly probes: readonly ProbeRecord[];
  readonly findings: readonly Finding[];
  readonly readings: readonly Reading[];
  /** The mock command line that behaves like the provider. */
  readonly suggestedFlags: readonly string[];
  readonly budget: {
    readonly rateLimit: string;
    readonly maxRequests: number;
    readonly requestsSent: number;
    readonly rateLimited: number;
    readonly blocked: number;
  };
}

export function isDrift(finding: Finding): boolean {
  return finding.severity !== 'info';
}
