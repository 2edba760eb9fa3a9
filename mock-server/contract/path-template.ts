/** OpenAPI path templates (`/tenants/{tenantID}`), as Express routes and as matchers of concrete paths. */

/** `/a/{b}/c` (OpenAPI) to `/a/:b/c` (Express). */
export function expressPath(template: string): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/** A RegExp that a concrete path (without its query) matches when the template does: one segment per parameter. */
export function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}$`);
}

/** `/a/{b}` with `{ b: 'x y' }` to `/a/x%20y`: the template's own spelling, each parameter encoded. */
export function concretePath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
