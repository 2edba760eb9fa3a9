/** OpenAPI path templates (`/tenants/{tenantID}`), as Express routes and as matchers of concrete paths. */

/** `/a/{b}/c` (OpenAPI) to `/a/:b/c` (Express). */
export function expressPath(template: string): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

const PARAMETER = /\{([^}]+)\}/g;

/** The template's literal text between parameters, escaped for a RegExp, and the parameters' names. */
function templateParts(template: string): { literals: string[]; parameters: string[] } {
  const parameters = [...template.matchAll(PARAMETER)].map((match) => match[1] as string);
  const literals = template.split(PARAMETER).filter((_, index) => index % 2 === 0);
  return { literals: literals.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), parameters };
}

/** A RegExp that a concrete path (without its query) matches when the template does: one segment per parameter. */
export function templatePattern(template: string): RegExp {
  return new RegExp(`^${templateParts(template).literals.join('[^/]+')}$`);
}

/**
 * The template as path-to-regexp 8 compiles it for Express 5's router: literals in any case (`i`,
 * without `u`, so no non-ASCII letter folds onto an ASCII one), each parameter one non-empty
 * segment captured in the template's order, one optional trailing slash.
 */
export function routePattern(template: string): { pattern: RegExp; parameters: string[] } {
  const { literals, parameters } = templateParts(template);
  return { pattern: new RegExp(`^${literals.join('([^/]+)')}/?$`, 'i'), parameters };
}
