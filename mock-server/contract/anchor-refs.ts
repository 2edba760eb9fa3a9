/**
 * A copy of a schema whose local `#/...` references point into a whole document registered with
 * Ajv under `documentId`, so one operation's schema can be compiled against the full contract.
 */
export function anchorRefs(value: unknown, documentId: string): unknown {
  if (Array.isArray(value)) return value.map((item) => anchorRefs(item, documentId));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#')
        ? `${documentId}${inner}`
        : anchorRefs(inner, documentId),
    ]),
  );
}
