import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../mock-server/options/cli-options.js';
import { storeUrlProblem } from '../../mock-server/state/store-settings.js';
import { REPO_ROOT } from '../support/cli-process.js';

const DIRECTORY = path.join(REPO_ROOT, 'deploy', 'kubernetes');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [field: string]: unknown };
type Validating = new (data: never) => { validate(): void };
const MODELS: Readonly<Record<string, Validating>> = {
  'apps/v1/Deployment': Deployment as unknown as Validating,
  'v1/Service': Service as unknown as Validating,
  'v1/ConfigMap': ConfigMap as unknown as Validating,
  'v1/Secret': Secret as unknown as Validating,
};

const kustomization = yaml.load(fs.readFileSync(path.join(DIRECTORY, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
};
const manifests: Manifest[] = kustomization.resources.flatMap(
  (file) => yaml.loadAll(fs.readFileSync(path.join(DIRECTORY, file), 'utf8')) as Manifest[],
);
const find = (kind: string, name: string): Manifest => {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return found;
};

interface Container {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
}
const podOf = (deployment: Manifest) =>
  (deployment as unknown as { spec: { replicas: number; template: { spec: { containers: Container[] } } } }).spec;

describe('deploy/kubernetes', () => {
  it('kustomization.yaml lists every manifest in the folder', () => {
    const files = fs.readdirSync(DIRECTORY).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('every resource validates against the Kubernetes schemas', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(6);
    for (const manifest of manifests) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${manifest.kind} ${manifest.metadata.name} has a schema here`).toBeDefined();
      expect(() => new (Model as Validating)(manifest as never).validate()).not.toThrow();
    }
  });

  it('the validation is real: a malformed Deployment is refused', () => {
    const broken = structuredClone(find('Deployment', 'agentos-contacts-mock')) as unknown as {
      spec: { replicas: unknown };
    };
    broken.spec.replicas = 'three';
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('runs several replicas with liveness on /healthz, readiness on /readyz, and sized resources', () => {
    const spec = podOf(find('Deployment', 'agentos-contacts-mock'));
    expect(spec.replicas).toBeGreaterThanOrEqual(2);
    const [mock] = spec.template.spec.containers as [Container];
    expect(mock.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(mock.readinessProbe?.httpGet?.path).toBe('/readyz');
    for (const manifest of manifests.filter((candidate) => candidate.kind === 'Deployment')) {
      for (const container of podOf(manifest).template.spec.containers) {
        expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(container.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
    }
  });

  it('takes its settings from the ConfigMap and the admin token from the Secret, all known MOCK_* variables', () => {
    const [mock] = podOf(find('Deployment', 'agentos-contacts-mock')).template.spec.containers as [Container];
    const configMapName = mock.envFrom?.find((source) => source.configMapRef)?.configMapRef?.name as string;
    const secretName = mock.envFrom?.find((source) => source.secretRef)?.secretRef?.name as string;
    const settings = (find('ConfigMap', configMapName) as unknown as { data: Record<string, string> }).data;
    const secret = (find('Secret', secretName) as unknown as { stringData: Record<string, string> }).stringData;
    expect(Object.keys(secret)).toEqual(['MOCK_ADMIN_TOKEN']);
    expect(Object.keys(settings)).not.toContain('MOCK_ADMIN_TOKEN');
    const known = new Set(buildCommand().options.map((option) => option.envVar));
    for (const name of [...Object.keys(settings), ...Object.keys(secret)]) expect(known).toContain(name);
    expect(storeUrlProblem(settings.MOCK_STORE as string)).toBeUndefined();
  });

  it('points MOCK_STORE at the Redis Service, and each Service selects its Deployment', () => {
    const settings = (find('ConfigMap', 'agentos-contacts-mock') as unknown as { data: Record<string, string> }).data;
    const host = new URL(settings.MOCK_STORE as string).hostname;
    find('Service', host);
    for (const service of manifests.filter((manifest) => manifest.kind === 'Service')) {
      const selector = (service as unknown as { spec: { selector: Record<string, string> } }).spec.selector;
      const deployment = find('Deployment', service.metadata.name) as unknown as {
        spec: { template: { metadata: { labels: Record<string, string> } } };
      };
      expect(deployment.spec.template.metadata.labels).toMatchObject(selector);
    }
  });
});
