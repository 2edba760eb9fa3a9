// Applies an OpenAPI Overlay 1.0 whose targets are normalised JSONPaths (what drift writes), so
// a test can check the overlay brings the contract to what was observed.
type Node = Record<string, unknown> | unknown[];

function segments(path: string): (string | number)[] {
  if (!path.startsWith('$')) throw new Error(`not a JSONPath: ${path}`);
  const found: (string | number)[] = [];
  const pattern = /\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/g;
  let consumed = 1;
  for (let match = pattern.exec(path); match; match = pattern.exec(path)) {
    if (match.index !== consumed) throw new Error(`not a normalised path: ${path}`);
    consumed = match.index + match[0].length;
    found.push(match[1] !== undefined ? match[1].replace(/\\'/g, "'") : Number(match[2]));
  }
  if (consumed !== path.length) throw new Error(`not a normalised path: ${path}`);
  return found;
}

function merge(target: Record<string, unknown>, update: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(update)) {
    const current = target[key];
    if (Array.isArray(current)) current.push(...(Array.isArray(value) ? value : [value]));
    else if (current && typeof current === 'object' && value && typeof value === 'object')
      merge(current as Record<string, unknown>, value as Record<string, unknown>);
    else target[key] = value;
  }
}

export function applyOverlay(
  document: unknown,
  overlay: { actions: Array<{ target: string; update?: unknown; remove?: boolean }> },
): void {
  for (const action of overlay.actions) {
    const path = segments(action.target);
    let parent: Node = document as Node;
    for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[segment] as Node;
    const last = path.at(-1) as string | number;
    if (action.remove) {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last as string];
      continue;
    }
    const target = path.length === 0 ? document : (parent as Record<string | number, unknown>)[last];
    if (Array.isArray(target)) target.push(action.update);
    else if (target && typeof target === 'object')
      merge(target as Record<string, unknown>, action.update as Record<string, unknown>);
    else throw new Error(`overlay target ${action.target} is not an object or array`);
  }
}
