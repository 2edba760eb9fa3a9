/**
 * The contract as Swagger UI shows it: every labelled node's description ends with its label,
 * so a reader sees what agentOS's documents back and what is the kit's guess without opening
 * the YAML. The YAML itself is served as shipped; only the JSON (Swagger UI's source) carries it.
 */
const LABELS = [
  ['x-agentos-evidence', 'agentOS evidence'],
  ['x-kit-assumption', 'Kit assumption (nothing public shows this)'],
] as const;

export function withLabelsInDescriptions<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => withLabelsInDescriptions(item)) as T;
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = withLabelsInDescriptions(value);
  for (const [mark, title] of LABELS) {
    const label = copy[mark];
    if (typeof label !== 'string') continue;
    const description = typeof copy.description === 'string' ? `${copy.description.trim()}\n\n` : '';
    copy.description = `${description}**${title}:** ${label}`;
  }
  return copy as T;
}
