import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig, repoRoot } from '../src/config.ts';

// The deployment artefacts, checked offline. Kubernetes manifests are validated against the API's
// JSON schemas as the kubernetes-models package ships them (compiled validators, no cluster, no
// network); like kubeconform without -strict, those schemas do not reject unknown fields, so the
// settings that matter are also read by name below. The Containerfile is checked for its structure
// only: there is no container engine on this machine or in CI, so it is never built here.

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };
const dir = join(repoRoot, 'deploy/kubernetes');
const manifests: Manifest[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as Manifest));

const models: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};
const one = <T>(kind: string) => manifests.find((m) => m.kind === kind) as unknown as T;

type Probe = { httpGet?: { path: string; port: string } };
type Container = {
  image: string;
  ports: { name: string; containerPort: number }[];
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom: { configMapRef?: { name: string } }[];
  securityContext: Record<string, unknown>;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
};
type PodSpec = {
  securityContext: Record<string, unknown>;
  automountServiceAccountToken: boolean;
  containers: Container[];
  volumes: { name: string }[];
};

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('every document is a known kind and valid against its API schema', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(8);
    for (const manifest of manifests) {
      const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind} has a schema here`).toBeDefined();
      expect(
        () => new Model!(manifest as never).validate(),
        `${manifest.kind}/${manifest.metadata.name}`,
      ).not.toThrow();
    }
  });

  it('the schema check does catch a broken manifest', () => {
    const deployment = structuredClone(one<Manifest>('Deployment'));
    const pod = (deployment.spec as { template: { spec: PodSpec } }).template.spec;
    (pod.containers[0]!.ports[0] as { containerPort: unknown }).containerPort = 'eighty';
    expect(() => new Deployment(deployment as never).validate()).toThrow(/containerPort/);
  });

  it('the Deployment runs non-root on a read-only root filesystem, with probes, resources and shared secrets', () => {
    const deployment = one<{ spec: { replicas: number; template: { spec: PodSpec } } }>('Deployment');
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).not.toBe(0);
    expect(pod.automountServiceAccountToken).toBe(false);
    const [server] = pod.containers;
    expect(server!.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(server!.startupProbe?.httpGet?.path).toBe('/healthz');
    expect(server!.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(server!.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(server!.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(server!.resources.limits?.memory).toBeDefined();
    // Writable places are mounts: DATA_DIR and /tmp. The signing key is one Secret for every replica.
    const mounts = Object.fromEntries(server!.volumeMounts.map((m) => [m.mountPath, m]));
    expect(Object.keys(mounts)).toEqual(expect.arrayContaining(['/data', '/tmp', '/data/signing-key.json']));
    expect(mounts['/data/signing-key.json']!.readOnly).toBe(true);
    // Secrets come by reference, never as values in a manifest.
    const env = Object.fromEntries(server!.env.map((e) => [e.name, e]));
    for (const name of ['DATABASE_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
      expect(env[name]?.value).toBeUndefined();
      expect(env[name]?.valueFrom?.secretKeyRef?.name).toBeTruthy();
    }
    expect(server!.envFrom.map((e) => e.configMapRef?.name)).toContain('vangnet');
  });

  it('the ConfigMap holds the shared settings named in docs/operating-at-scale.md, and the server accepts them', () => {
    const data = one<{ data: Record<string, string> }>('ConfigMap').data;
    for (const name of ['COUNTRY_PACK', 'TRUST_PROXY', 'BLOB_STORE_URL', 'METRICS_PORT'])
      expect(data[name]).toBeTruthy();
    const config = loadConfig({ ...data, DATABASE_URL: 'postgres://app@db/vangnet', DATA_DIR: '/data' });
    expect(config.blobStoreUrl).toBe(data.BLOB_STORE_URL);
    expect(config.metrics?.port).toBe(9464);
    const doc = readFileSync(join(repoRoot, 'docs/operating-at-scale.md'), 'utf8');
    for (const name of ['COUNTRY_PACK', 'TRUST_PROXY', 'BLOB_STORE_URL', 'METRICS_PORT', 'DATABASE_URL']) {
      expect(doc).toContain(name);
    }
  });

  it('the PDB, HPA, Services and Ingress fit the Deployment; the metrics port is never behind the Ingress', () => {
    const labels = { 'app.kubernetes.io/name': 'vangnet', 'app.kubernetes.io/component': 'server' };
    expect(
      one<{ spec: { selector: { matchLabels: object } } }>('PodDisruptionBudget').spec.selector.matchLabels,
    ).toEqual(labels);
    const hpa = one<{ spec: { minReplicas: number; scaleTargetRef: { kind: string; name: string } } }>(
      'HorizontalPodAutoscaler',
    );
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'vangnet' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const services = manifests.filter((m) => m.kind === 'Service') as unknown as {
      metadata: { name: string };
      spec: { selector: object; ports: { targetPort: string }[] };
    }[];
    for (const s of services) expect(s.spec.selector).toEqual(labels);
    const ingress = one<{
      spec: {
        rules: { http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[];
      };
    }>('Ingress');
    const backends = ingress.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service));
    expect(backends).toEqual([{ name: 'vangnet', port: { name: 'http' } }]);
    expect(services.find((s) => s.metadata.name === 'vangnet')!.spec.ports.map((p) => p.targetPort)).toEqual([
      'http',
    ]);
  });
});

describe('Containerfile (structure only: no container engine here, it is not built)', () => {
  const text = readFileSync(join(repoRoot, 'Containerfile'), 'utf8');
  const parsed = DockerfileParser.parse(text);
  const instructions = parsed.getInstructions();
  const keyword = (i: Instruction) => i.getKeyword();
  const froms = parsed.getFROMs();
  const lastFrom = froms.at(-1)!;
  const finalStage = instructions.filter((i) => i.getRange().start.line >= lastFrom.getRange().start.line);

  it('has a build stage and a runtime stage on the Node.js the project pins', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms.map((f) => f.getBuildStage())).toEqual(expect.arrayContaining(['build', 'runtime']));
    const pinned = (
      JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
        devDependencies: { node: string };
      }
    ).devDependencies.node;
    const arg = instructions.find(
      (i) => keyword(i) === 'ARG' && i.getArgumentsContent()?.startsWith('NODE_IMAGE='),
    );
    expect(arg?.getArgumentsContent()).toBe(`NODE_IMAGE=node:${pinned}-bookworm-slim`);
    // The runtime stage takes only built files from the build stage, nothing from the network.
    const copies = finalStage.filter((i) => i instanceof Copy);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.getFromFlag()?.getValue()).toBe('build');
    expect(instructions.some((i) => keyword(i) === 'ADD')).toBe(false);
  });

  it('copies into the runtime image every repository folder the server reads at run time', () => {
    const copied = finalStage
      .filter((i) => i instanceof Copy)
      .map((i) => (i.getArgumentsContent() ?? '').split(/\s+/).at(-1)!.replace(/^\.\//, ''));
    // apps/server/src/country-pack/app-texts.ts reads the apps' own catalogs when a pack loads.
    for (const needed of [
      'apps/report/src/i18n/catalogs',
      'apps/report/src/i18n/param-order.json',
      'apps/console/src/i18n/catalogs',
      'apps/console/src/i18n/param-order.json',
      'apps/report/dist',
      'apps/console/dist',
      'apps/server/dist',
      'country-packs',
    ]) {
      expect(copied, needed).toContain(needed);
    }
  });

  it('runs as a numeric non-root user, with health checks on /healthz and /readyz', () => {
    const users = finalStage.filter((i) => keyword(i) === 'USER');
    expect(users).toHaveLength(1);
    const user = users[0]!.getArgumentsContent() ?? '';
    expect(user).toMatch(/^[1-9][0-9]*(:[1-9][0-9]*)?$/);
    const last = finalStage.findLast((i) => keyword(i) === 'USER' || keyword(i) === 'RUN');
    expect(last && keyword(last)).toBe('USER');
    const health = finalStage.filter((i) => keyword(i) === 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    const check = health[0]!.getArgumentsContent() ?? '';
    expect(check).toContain('/healthz');
    expect(check).toContain('/readyz');
    expect(check).toContain('apps/server/bin/healthcheck.mjs');
    const cmd = finalStage.find((i) => keyword(i) === 'CMD')!.getArgumentsContent();
    // Exec form: the server is PID 1's child-free main process and receives SIGTERM itself.
    expect(cmd).toBe('["node", "apps/server/bin/vangnet-server.mjs"]');
    const env = finalStage
      .filter((i) => keyword(i) === 'ENV')
      .map((i) => i.getArgumentsContent())
      .join(' ');
    expect(env).toContain('DATA_DIR=/data');
    expect(env).toContain('HOST=0.0.0.0');
  });
});
