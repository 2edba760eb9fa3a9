import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { ROOT } from '../mock.js';

const CONTRACT = path.join(ROOT, 'contracts/v4-contacts.openapi.yaml');

interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { example?: unknown; examples?: unknown }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** The path template of the contract that a concrete path matches, preferring the most literal one. */
function templateOf(document: OpenApiDocument, concrete: string): string {
  const segments = concrete.split('/');
  const matches = Object.keys(document.paths).filter((template) => {
    const parts = template.split('/');
    return (
      parts.length === segments.length &&
      parts.every((part, index) => /^\{[^}]+\}$/.test(part) || part === segments[index])
    );
  });
  const literal = (template: string): number => template.split('/').filter((part) => !part.startsWith('{')).length;
  const best = matches.sort((a, b) => literal(b) - literal(a))[0];
  if (!best) throw new Error(`peer spec: no path of the contract matches ${concrete}`);
  return best;
}

/**
 * The project's own contract with the mock's answers as the 200 examples of the benched routes
 * (a 1000-item page, one record), so a peer that answers from examples sends the same bytes.
 * Written as JSON, which both peers read as OpenAPI. Returns the file written.
 */
export function writePeerSpec(dir: string, answers: ReadonlyMap<string, Buffer>): string {
  const document = yaml.load(readFileSync(CONTRACT, 'utf8')) as OpenApiDocument;
  for (const [concrete, body] of answers) {
    const operation = document.paths[templateOf(document, concrete)]?.get;
    const media = operation?.responses?.['200']?.content?.['application/json'];
    if (!media) throw new Error(`peer spec: ${concrete} has no 200 application/json response in the contract`);
    delete media.examples;
    media.example = JSON.parse(body.toString('utf8'));
  }
  const file = path.join(dir, 'peer-openapi.json');
  writeFileSync(file, JSON.stringify(document));
  return file;
}
