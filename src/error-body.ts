/**
 * RFC 9457 problem details, as the mock's `--errors problem` reading writes them. Typed here, not
 * from the contract, because the contract may declare either body style (or none, as agentOS does).
 */
export interface ProblemDetails {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: ReadonlyArray<{ readonly name?: string; readonly in?: string; readonly reason?: string }>;
  readonly [extension: string]: unknown;
}

/** What an error body says, whichever style it was written in. */
export interface ErrorBody {
  /** The server's sentence: ASP.NET's `Message`, or a problem's `title: detail`; undefined when none. */
  readonly message: string | undefined;
  /** The problem+json body, when the server sent one. */
  readonly problem: ProblemDetails | undefined;
}

const MAX_MESSAGE = 500;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim().length > 0 ? value.trim().slice(0, MAX_MESSAGE) : undefined;

/**
 * Reads an error body: agentOS's (ASP.NET Web API's) `{"Message": "..."}`, RFC 9457 problem+json,
 * or anything else (an HTML page from a load balancer, an empty body), which yields no message.
 * Only for telling people what happened: code branches on the status, never on this.
 */
export function readErrorBody(body: string): ErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { message: undefined, problem: undefined };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { message: undefined, problem: undefined };
  const fields = parsed as Record<string, unknown>;
  // ASP.NET adds `MessageDetail` / `ExceptionMessage` in some configurations; `Message` leads.
  const aspNet = text(fields.Message) ?? text(fields.message);
  if (aspNet !== undefined) return { message: aspNet, problem: undefined };
  const isProblem = typeof fields.status === 'number' || typeof fields.type === 'string' || 'title' in fields;
  if (!isProblem) return { message: undefined, problem: undefined };
  const title = text(fields.title);
  const detail = text(fields.detail);
  const message = title && detail ? `${title}: ${detail}` : (detail ?? title);
  return { message, problem: parsed as ProblemDetails };
}
