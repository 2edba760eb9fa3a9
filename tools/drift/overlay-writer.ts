// An OpenAPI Overlay 1.0 document that would bring our contract to what drift observed, for a
// maintainer to review and apply (e.g. `redocly` or any Overlay 1.0 tool). Targets are
// normalised JSONPaths into the contract, so each action touches exactly one node.
import { dump } from 'js-yaml';
import type { ContractModel } from './contract-model.js';
import type { DriftReport, Finding } from './report-model.js';

interface Action {
  target: string;
  description: string;
  update?: unknown;
  remove?: true;
}

function describe(finding: Finding): string {
  return `${finding.operation ?? ''} ${finding.path ?? ''}: ${finding.message}`.trim();
}

export function overlayActions(report: DriftReport): Action[] {
  const actions: Action[] = [];
  const seen = new Set<string>();
  const push = (action: Action): void => {
    const key = JSON.stringify([action.target, action.update, action.remove]);
    if (seen.has(key)) return;
    seen.add(key);
    actions.push(action);
  };
  // Required lists: every name to drop from one owner is gathered, then the list is replaced once.
  const unrequired = new Map<string, { keep: Set<string>; why: string[] }>();
  for (const finding of report.findings) {
    const hint = finding.overlay;
    if (!hint) continue;
    if (hint.kind === 'add-property') {
      push({ target: hint.propertiesAt, description: describe(finding), update: { [hint.name]: hint.schema } });
    } else if (hint.kind === 'set') {
      if (Object.keys(hint.update).length > 0)
        push({ target: hint.at, description: describe(finding), update: hint.update });
      for (const key of hint.removeKeys ?? [])
        push({ target: `${hint.at}['${key}']`, description: describe(finding), remove: true });
    } else if (hint.kind === 'add-enum') {
      for (const value of hint.values)
        push({ target: `${hint.at}['enum']`, description: describe(finding), update: value });
    } else {
      const entry = unrequired.get(hint.requiredOwnerAt) ?? { keep: new Set(hint.required), why: [] };
      for (const name of [...entry.keep]) if (!hint.required.includes(name)) entry.keep.delete(name);
      entry.why.push(describe(finding));
      unrequired.set(hint.requiredOwnerAt, entry);
    }
  }
  for (const [owner, entry] of unrequired) {
    const description = entry.why.join(' ');
    push({ target: `${owner}['required']`, description, remove: true });
    if (entry.keep.size > 0) push({ target: owner, description, update: { required: [...entry.keep] } });
  }
  return actions;
}

export function overlayDocument(report: DriftReport, model: ContractModel): string {
  const document = {
    overlay: '1.0.0',
    info: {
      title: `${model.title}: what agentos-contacts drift observed at ${report.target.baseUrl}`,
      version: `${model.version}+drift.${report.generatedAt.slice(0, 10)}`,
    },
    actions: overlayActions(report),
  };
  return `# Review before applying: each action comes from one finding of the drift report.\n${dump(document, { lineWidth: 120, noRefs: true })}`;
}
