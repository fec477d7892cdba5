// Consistency checks of deploy/ and docker-compose.yml that need no Docker and no cluster: every
// YAML file parses, every service gets every environment variable it reads, every variable and file
// the stack refers to exists, probes and resources are set. Called by deploy/check.sh, which also
// runs promtool, nats-server and (when installed) amtool, kubectl kustomize and docker-compose on
// the files this script writes to the directory given as its argument:
//   panel-queries.yml   every dashboard panel query as a recording rule (promtool parses PromQL)
//   nats.env            a dummy value for every password nats.conf reads
//   compose.env         a dummy value for every variable docker-compose.yml reads
//   compose.v1.yml      docker-compose.yml without the Compose-v2-only keys (docker-compose 1.29)
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const out = process.argv[2];
if (!out) throw new Error('usage: node deploy/check.mjs <output dir>');

const problems = [];
const fail = (msg) => problems.push(msg);
const read = (p) => readFileSync(join(root, p), 'utf8');

// What every service process reads in the distributed stack (libs/config; NATS_USER/NATS_PASS for
// the per-service NATS users of deploy/nats/nats.conf).
const SERVICE_ENV = [
  'NODE_ENV',
  'SERVICE',
  'PORT',
  'DATABASE_URL',
  'NATS_URL',
  'NATS_USER',
  'NATS_PASS',
  'DATA_DIR',
  'BOOTSTRAP_ADMIN_TOKEN',
  'LOG_LEVEL',
];
const SERVICES = { 'plan-management': 3001, 'tthc-metrics': 3002, reporting: 3003 };
const NATS_PASS_VAR = {
  'plan-management': 'NATS_PLAN_MANAGEMENT_PASS',
  'tthc-metrics': 'NATS_TTHC_METRICS_PASS',
  reporting: 'NATS_REPORTING_PASS',
};

/** A memory size in MiB: Kubernetes' `512Mi`/`1Gi` or Compose's `512m`/`1g`; null when it is neither. */
function mebibytes(size) {
  const m = /^(\d+)(Mi|Gi|m|g)$/.exec(String(size ?? ''));
  if (!m) return null;
  return Number(m[1]) * (m[2].toLowerCase().startsWith('g') ? 1024 : 1);
}

// --- 1. every YAML file parses ---
function walk(dir) {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? walk(p) : [p];
  });
}
const yamlFiles = ['docker-compose.yml', ...walk('deploy').filter((f) => /\.ya?ml$/.test(f))];
for (const f of yamlFiles) {
  for (const doc of parseAllDocuments(read(f), { merge: true })) {
    for (const e of doc.errors) fail(`${f}: ${e.message}`);
  }
}

// --- 2. docker-compose.yml ---
const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true });
const envExample = new Set(
  read('deploy/compose.env.example')
    .split('\n')
    .map((l) => /^([A-Z0-9_]+)=/.exec(l)?.[1])
    .filter(Boolean),
);
const composeVars = new Set([
  ...[...composeText.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]),
  // Compose ≥ 2.23 secrets read from the environment.
  ...Object.values(compose.secrets ?? {}).flatMap((s) => (s.environment ? [s.environment] : [])),
]);
for (const v of composeVars)
  if (!envExample.has(v)) fail(`docker-compose.yml reads \${${v}}, missing from deploy/compose.env.example`);
for (const v of envExample)
  if (!composeVars.has(v))
    fail(`deploy/compose.env.example lists ${v}, which docker-compose.yml never reads`);

for (const [name, port] of Object.entries(SERVICES)) {
  const s = compose.services[name];
  if (!s) {
    fail(`docker-compose.yml: no service ${name}`);
    continue;
  }
  const env = s.environment ?? {};
  for (const v of SERVICE_ENV) if (!(v in env)) fail(`docker-compose.yml ${name}: environment lacks ${v}`);
  if (env.SERVICE !== name) fail(`docker-compose.yml ${name}: SERVICE=${env.SERVICE}`);
  if (String(env.PORT) !== String(port))
    fail(`docker-compose.yml ${name}: PORT=${env.PORT}, expected ${port}`);
  if (env.NATS_USER !== name) fail(`docker-compose.yml ${name}: NATS_USER=${env.NATS_USER}`);
  if (!String(env.NATS_PASS).includes(NATS_PASS_VAR[name]))
    fail(`docker-compose.yml ${name}: NATS_PASS is not ${NATS_PASS_VAR[name]}`);
  if (s.build?.args?.SERVICE !== name)
    fail(`docker-compose.yml ${name}: build arg SERVICE=${s.build?.args?.SERVICE}`);
  if (!s.healthcheck) fail(`docker-compose.yml ${name}: no healthcheck`);
  // Readiness is the HTTP status (200 ok or degraded, 503 not ready), never the body: terminus's
  // `status` is `degraded` when only a warning applies and the service is still ready.
  const probe = [s.healthcheck?.test ?? []].flat().join(' ');
  if (!probe.includes('/health/ready') || !probe.includes('r.ok'))
    fail(`docker-compose.yml ${name}: healthcheck does not judge /health/ready by its HTTP status`);
  if (s.depends_on?.migrate?.condition !== 'service_completed_successfully')
    fail(`docker-compose.yml ${name}: does not wait for migrate`);
}
const migrate = compose.services.migrate;
if (!migrate?.environment?.DATABASE_URL) fail('docker-compose.yml migrate: no DATABASE_URL');
if (migrate?.command?.join(' ') !== 'node dist/tools/migrate.js')
  fail('docker-compose.yml migrate: unexpected command');
if (!compose.services.simulator?.profiles?.includes('demo'))
  fail('docker-compose.yml simulator: not under the demo profile');
for (const [name, s] of Object.entries(compose.services)) {
  for (const vol of s.volumes ?? []) {
    const src = typeof vol === 'string' ? vol.split(':')[0] : vol.source;
    if (src.startsWith('.') && !existsSync(join(root, src)))
      fail(`docker-compose.yml ${name}: mounts missing ${src}`);
  }
}

// --- 3. NATS: every password nats.conf reads is passed to the nats container ---
const natsConf = read('deploy/nats/nats.conf');
const natsVars = [...new Set([...natsConf.matchAll(/^\s*password:\s*\$([A-Z0-9_]+)/gm)].map((m) => m[1]))];
for (const v of natsVars)
  if (!(v in (compose.services.nats?.environment ?? {})))
    fail(`docker-compose.yml nats: lacks ${v} (nats.conf)`);
for (const v of Object.values(NATS_PASS_VAR))
  if (!natsVars.includes(v)) fail(`nats.conf has no user with password $${v}`);
writeFileSync(join(out, 'nats.env'), natsVars.map((v) => `${v}=check-only`).join('\n') + '\n');
writeFileSync(
  join(out, 'compose.env'),
  [...composeVars].map((v) => `${v}=check-only-value-of-24-chars`).join('\n') + '\n',
);

// Compose v2 keys docker-compose 1.29 does not know: project `name`, secrets from the environment.
const v1 = parse(composeText, { merge: true });
delete v1.name;
for (const secret of Object.values(v1.secrets ?? {})) {
  if (secret.environment) {
    delete secret.environment;
    secret.file = join(out, 'secret');
  }
}
writeFileSync(join(out, 'secret'), 'check-only\n');
// YAML 1.1 output quotes `'no'`, which docker-compose 1.29 (PyYAML) would read as false.
writeFileSync(join(out, 'compose.v1.yml'), stringify(v1, { aliasDuplicateObjects: false, version: '1.1' }));

// --- 4. Kubernetes manifests ---
const k8sDir = 'deploy/k8s/base';
const kustomization = parse(read(join(k8sDir, 'kustomization.yaml')));
const configLiterals = new Set(
  kustomization.configMapGenerator.flatMap((g) => g.literals ?? []).map((l) => l.split('=')[0]),
);
const manifests = kustomization.resources.flatMap((f) =>
  parseAllDocuments(read(join(k8sDir, f))).map((d) => d.toJS()),
);
const deployments = manifests.filter((m) => m?.kind === 'Deployment');
for (const [name, port] of Object.entries(SERVICES)) {
  const d = deployments.find((m) => m.metadata.name === name);
  if (!d) {
    fail(`${k8sDir}: no Deployment ${name}`);
    continue;
  }
  const c = d.spec.template.spec.containers[0];
  const names = new Set([
    ...(c.env ?? []).map((e) => e.name),
    ...((c.envFrom ?? []).some((e) => e.configMapRef?.name === 'cchc-config') ? configLiterals : []),
  ]);
  for (const v of SERVICE_ENV) if (!names.has(v)) fail(`${k8sDir} ${name}: environment lacks ${v}`);
  if (c.ports?.[0]?.containerPort !== port) fail(`${k8sDir} ${name}: containerPort is not ${port}`);
  if (c.livenessProbe?.httpGet?.path !== '/health/live')
    fail(`${k8sDir} ${name}: liveness probe is not /health/live`);
  if (c.readinessProbe?.httpGet?.path !== '/health/ready')
    fail(`${k8sDir} ${name}: readiness probe is not /health/ready`);
  if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) {
    fail(`${k8sDir} ${name}: resources incomplete`);
  }
  // The compose stack bounds each service's memory as the cluster does (Node sizes its heap from
  // the container's limit, else from the host's RAM).
  const composeLimit = mebibytes(compose.services[name]?.mem_limit);
  if (composeLimit === null || composeLimit !== mebibytes(c.resources?.limits?.memory)) {
    fail(
      `docker-compose.yml ${name}: mem_limit ${compose.services[name]?.mem_limit ?? '(none)'} is not ` +
        `the Kubernetes memory limit ${c.resources?.limits?.memory ?? '(none)'}`,
    );
  }
  if (!manifests.some((m) => m?.kind === 'Service' && m.metadata.name === name))
    fail(`${k8sDir}: no Service ${name}`);
}
const job = manifests.find((m) => m?.kind === 'Job');
if (job?.spec.template.spec.containers[0].command.join(' ') !== 'node dist/tools/migrate.js')
  fail(`${k8sDir}: no migration Job`);
for (const ext of ['nats', 'postgres']) {
  if (
    !manifests.some((m) => m?.kind === 'Service' && m.metadata.name === ext && m.spec.type === 'ExternalName')
  ) {
    fail(`${k8sDir}: ${ext} is not an external Service`);
  }
}

// --- 5. dashboard panel queries, for promtool to parse ---
// Same substitutions as DEFAULT_VARIABLE_VALUES in dashboards/src/queries.ts.
const VARS = {
  unit: '.*',
  section: '.*',
  service: '.*',
  job: '.*',
  period: '7d',
  __rate_interval: '1m',
  __interval: '15s',
  __range: '1h',
};
const expand = (e) =>
  e.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (whole, a, b) => VARS[a ?? b] ?? whole);
const generated = 'dashboards/generated';
const rules = [];
for (const f of readdirSync(join(root, generated))
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const d = JSON.parse(read(join(generated, f)));
  const panels = (d.panels ?? []).flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
  for (const p of panels) {
    for (const t of p.targets ?? []) {
      rules.push({ record: `panel:${d.uid.replace(/-/g, '_')}:p${p.id}_${t.refId}`, expr: expand(t.expr) });
    }
  }
}
writeFileSync(join(out, 'panel-queries.yml'), stringify({ groups: [{ name: 'dashboard-panels', rules }] }));

if (problems.length > 0) {
  console.error(problems.map((p) => `  ✗ ${p}`).join('\n'));
  process.exit(1);
}
console.log(
  `  ✓ ${yamlFiles.length} YAML files parse; compose, NATS and Kubernetes agree; ${rules.length} panel queries written to ${out}`,
);
