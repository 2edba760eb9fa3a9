/**
 * The catalogue of every error the mock answers with. Code branches on `kind`, never on message
 * text. How a kind is written is a presentation choice (`--errors`): agentOS's `{"Message"}`, or
 * an RFC 9457 problem whose `type` URIs are stable and documented in the README.
 */
export const PROBLEM_KINDS = {
  'missing-api-key': { status: 401, title: 'An API key is required' },
  'invalid-api-key': { status: 401, title: 'The API key is not valid' },
  'tier-not-enabled': { status: 401, title: 'The API key does not have this tier enabled' },
  'rate-limited': { status: 429, title: 'Too many requests for this API key' },
  'key-blocked': { status: 403, title: 'The API key is blocked for ignoring the rate limit' },
  'service-unavailable': { status: 503, title: 'The service is temporarily unavailable' },
  'admin-token-required': { status: 401, title: 'The control API needs the admin token' },
  'unknown-state': { status: 400, title: 'No provider state has this name' },
  'unknown-agency': { status: 404, title: 'No agency has this short name' },
  'invalid-request': { status: 400, title: 'The request is invalid' },
  'malformed-body': { status: 400, title: 'The body is not valid JSON' },
  'payload-too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': { status: 415, title: 'The body must be application/json' },
  'not-found': { status: 404, title: 'Not found' },
  'route-not-found': { status: 404, title: 'No route matches this path' },
  'method-not-allowed': { status: 405, title: 'The route does not take this method' },
  'malformed-request': { status: 400, title: 'The request could not be read' },
  'request-timeout': { status: 408, title: 'The request did not arrive in time' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'too-many-connections': { status: 503, title: 'The mock has too many open connections' },
  'custom-field-value-invalid': { status: 400, title: 'The value does not fit the custom field' },
  'internal-error': { status: 500, title: 'The mock failed unexpectedly' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

/** One offending input, named as the client sent it. */
export interface ParameterError {
  name: string;
  in: 'path' | 'query' | 'header' | 'body';
  reason: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ParameterError[];
}

export const PROBLEM_TYPE_PREFIX = 'urn:agentos-contacts-kit:problem:';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const MESSAGE_CONTENT_TYPE = 'application/json; charset=utf-8';

/** How error bodies are written (`--errors`). */
export type ErrorStyle = 'agentos' | 'problem';

/** ASP.NET Web API's default error body, agentOS's platform. */
export interface MessageBody {
  Message: string;
}

export class ProblemError extends Error {
  readonly status: number;

  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: ParameterError[],
    /** Extra response headers, such as `Allow` on a 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.status = PROBLEM_KINDS[kind].status;
  }

  toBody(): ProblemBody {
    const body: ProblemBody = {
      type: PROBLEM_TYPE_PREFIX + this.kind,
      title: PROBLEM_KINDS[this.kind].title,
      status: this.status,
      detail: this.detail,
    };
    if (this.errors && this.errors.length > 0) body.errors = this.errors;
    return body;
  }

  /** One sentence that names what was wrong: each offending input with where it was sent. */
  toMessageBody(): MessageBody {
    if (!this.errors || this.errors.length === 0) return { Message: this.detail };
    const inputs = this.errors.map((error) => `${error.name} (${error.in}) ${error.reason}`).join('; ');
    return { Message: `${PROBLEM_KINDS[this.kind].title}: ${inputs}.` };
  }

  /** The body and its content type in the given style. */
  render(style: ErrorStyle): { contentType: string; body: ProblemBody | MessageBody } {
    return style === 'problem'
      ? { contentType: PROBLEM_CONTENT_TYPE, body: this.toBody() }
      : { contentType: MESSAGE_CONTENT_TYPE, body: this.toMessageBody() };
  }
}

/** A 400 naming each offending input; the detail lists them all for people reading logs. */
export function invalidRequest(errors: ParameterError[]): ProblemError {
  const detail = errors.map((error) => `${error.name}: ${error.reason}`).join('; ');
  return new ProblemError('invalid-request', detail, errors);
}
