// `calico-policy simulate` and `calico-policy explain`: upstream-style Kubernetes NetworkPolicy conformance
// scenarios (namespaces x, y, z; pods a, b, c; ports 80/81 over TCP, UDP and SCTP) run through
// `simulate <folder> --flows F --format json`, the tutorial in examples/, assertions, errors and exit codes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { bundleCli, type CliHandle } from '../support/conformanceCli';

const root = resolve(import.meta.dirname, '../..');
const examples = join(root, 'examples');

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readStdin: async () => '' });
  return { code, stdout, stderr };
}

function conformancePods(): string {
  const out: string[] = [];
  for (const ns of ['x', 'y', 'z']) {
    out.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "${ns}"\n  labels:\n    ns: "${ns}"\n`);
    for (const name of ['a', 'b', 'c']) {
      const ports = [80, 81]
        .flatMap((port) => ['TCP', 'UDP', 'SCTP'].map((p) => `        - name: serve-${port}-${p.toLowerCase()}\n          containerPort: ${port}\n          protocol: ${p}\n`))
        .join('');
      out.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: "${name}"\n  namespace: "${ns}"\n  labels:\n    pod: "${name}"\nspec:\n  containers:\n    - name: agnhost\n      image: agnhost\n      ports:\n${ports}`);
    }
  }
  return out.join('---\n');
}

let dir: string;
function scenario(name: string, policies: string, flows: object[]): { folder: string; flowsFile: string } {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'pods.yaml'), conformancePods());
  writeFileSync(join(folder, 'policies.yaml'), policies);
  const flowsFile = join(dir, `${name}.flows.json`);
  writeFileSync(flowsFile, JSON.stringify(flows));
  return { folder, flowsFile };
}

async function verdicts(name: string, policies: string, flows: [string, string, string, number, 'allow' | 'deny'][]) {
  const s = scenario(name, policies, flows.map(([from, to, protocol, port]) => ({ from, to, protocol, port })));
  const r = await run(['simulate', s.folder, '--flows', s.flowsFile, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const results = JSON.parse(r.stdout) as { from: string; to: string; verdict: string }[];
  assert.equal(results.length, flows.length);
  flows.forEach(([from, to, protocol, port, expected], i) => {
    assert.equal(results[i].from, from);
    assert.equal(results[i].verdict, expected, `${from} -> ${to} ${protocol}/${port}`);
  });
}

const knp = (name: string, ns: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: "${ns}"\nspec:\n${spec.trim().split('\n').map((l) => `  ${l}`).join('\n')}\n`;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'calico-simulate-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('Kubernetes NetworkPolicy conformance scenarios through the CLI', () => {
  test('default-deny-ingress in x', async () => {
    // Every ingress to x is denied; traffic out of x and between y and z is untouched.
    await verdicts('deny-ingress', knp('deny-ingress', 'x', 'podSelector: {}\npolicyTypes: [Ingress]'), [
      ['x/b', 'x/a', 'TCP', 80, 'deny'],
      ['y/a', 'x/c', 'UDP', 81, 'deny'],
      ['x/a', 'y/a', 'TCP', 80, 'allow'],
      ['z/b', 'y/c', 'SCTP', 80, 'allow'],
    ]);
  });

  test('default-deny-all in x denies egress at the source too', async () => {
    await verdicts('deny-all', knp('deny-all', 'x', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'), [
      ['x/a', 'y/b', 'TCP', 80, 'deny'],
      ['y/a', 'x/b', 'TCP', 80, 'deny'],
      ['x/a', 'x/b', 'TCP', 80, 'deny'],
      ['y/a', 'z/b', 'TCP', 80, 'allow'],
    ]);
  });

  test('ingress from pod b of the same namespace only', async () => {
    const p = knp('allow-b', 'x', 'podSelector:\n  matchLabels:\n    pod: a\ningress:\n  - from:\n      - podSelector:\n          matchLabels:\n            pod: b');
    await verdicts('pod-selector', p, [
      ['x/b', 'x/a', 'TCP', 80, 'allow'],
      ['x/c', 'x/a', 'TCP', 80, 'deny'],
      // podSelector alone = same namespace: y/b is not x/b.
      ['y/b', 'x/a', 'TCP', 80, 'deny'],
      ['x/c', 'x/b', 'TCP', 80, 'allow'],
    ]);
  });

  test('ingress from namespaces other than x (matchExpressions NotIn)', async () => {
    const p = knp(
      'not-x',
      'x',
      'podSelector:\n  matchLabels:\n    pod: a\ningress:\n  - from:\n      - namespaceSelector:\n          matchExpressions:\n            - key: ns\n              operator: NotIn\n              values: ["x"]',
    );
    await verdicts('ns-notin', p, [
      ['y/a', 'x/a', 'TCP', 80, 'allow'],
      ['z/c', 'x/a', 'UDP', 81, 'allow'],
      ['x/b', 'x/a', 'TCP', 80, 'deny'],
    ]);
  });

  test('ports: numeric, named, protocol-only, and UDP-only', async () => {
    const policies = [
      knp('port-81', 'x', 'podSelector:\n  matchLabels:\n    pod: a\ningress:\n  - ports:\n      - port: 81'),
      knp('named-80', 'x', 'podSelector:\n  matchLabels:\n    pod: b\ningress:\n  - ports:\n      - port: serve-80-tcp'),
      knp('tcp-any', 'y', 'podSelector:\n  matchLabels:\n    pod: a\ningress:\n  - ports:\n      - protocol: TCP'),
      knp('udp-81', 'z', 'podSelector:\n  matchLabels:\n    pod: a\ningress:\n  - ports:\n      - port: 81\n        protocol: UDP'),
    ].join('---\n');
    await verdicts('ports', policies, [
      // port 81 with the default protocol TCP.
      ['y/b', 'x/a', 'TCP', 81, 'allow'],
      ['y/b', 'x/a', 'TCP', 80, 'deny'],
      ['y/b', 'x/a', 'UDP', 81, 'deny'],
      // serve-80-tcp is TCP 80 on x/b.
      ['z/b', 'x/b', 'TCP', 80, 'allow'],
      ['z/b', 'x/b', 'TCP', 81, 'deny'],
      ['z/b', 'x/b', 'UDP', 80, 'deny'],
      // protocol TCP without a port: every TCP port, no UDP/SCTP.
      ['x/c', 'y/a', 'TCP', 80, 'allow'],
      ['x/c', 'y/a', 'TCP', 81, 'allow'],
      ['x/c', 'y/a', 'SCTP', 80, 'deny'],
      // UDP 81 only.
      ['x/c', 'z/a', 'UDP', 81, 'allow'],
      ['x/c', 'z/a', 'TCP', 81, 'deny'],
    ]);
  });

  test('egress to pod b of namespace y (namespaceSelector and podSelector in one peer)', async () => {
    const p = knp(
      'egress-yb',
      'x',
      'podSelector:\n  matchLabels:\n    pod: a\npolicyTypes: [Egress]\negress:\n  - to:\n      - namespaceSelector:\n          matchLabels:\n            ns: "y"\n        podSelector:\n          matchLabels:\n            pod: b',
    );
    await verdicts('egress-peer', p, [
      ['x/a', 'y/b', 'TCP', 80, 'allow'],
      ['x/a', 'y/a', 'TCP', 80, 'deny'],
      ['x/a', 'x/b', 'TCP', 80, 'deny'],
      ['x/b', 'y/a', 'TCP', 80, 'allow'],
    ]);
  });

  test('two policies selecting the same pod allow the union', async () => {
    const from = (name: string, peer: string) => knp(`from-${name}`, 'x', `podSelector:\n  matchLabels:\n    pod: a\ningress:\n  - from:\n      - podSelector:\n          matchLabels:\n            pod: ${peer}`);
    await verdicts('union', [from('b', 'b'), from('c', 'c')].join('---\n'), [
      ['x/b', 'x/a', 'TCP', 80, 'allow'],
      ['x/c', 'x/a', 'SCTP', 81, 'allow'],
      ['y/a', 'x/a', 'TCP', 80, 'deny'],
    ]);
  });

  test('allow-all ingress after a deny-all: policies are additive', async () => {
    const p = [knp('deny-all', 'x', 'podSelector: {}\npolicyTypes: [Ingress]'), knp('allow-all', 'x', 'podSelector: {}\ningress:\n  - {}')].join('---\n');
    await verdicts('additive', p, [
      ['y/a', 'x/a', 'SCTP', 80, 'allow'],
      ['z/c', 'x/b', 'UDP', 81, 'allow'],
    ]);
  });
});

describe('calico-policy simulate over examples/', () => {
  test('customer -> summary TCP 80 is allowed by p-customer2summary at summary ingress', async () => {
    // customer egress: p-external2customer rule 0 allows TCP to service account summary in yaobank-summary;
    // summary ingress: p-customer2summary rule 0 allows TCP from service account customer in yaobank-customer.
    const r = await run(['simulate', examples, '--from', 'yaobank-customer/customer', '--to', 'yaobank-summary/summary', '--protocol', 'TCP', '--port', '80', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.equal(result.verdict, 'allow');
    assert.deepEqual(result.decidedBy, { side: 'ingress', tier: 'default', policy: 'yaobank-summary/p-customer2summary', ruleIndex: 0, reason: 'rule' });
    assert.equal(result.trace.egress.tiers[0].policies.find((p: { policy: string }) => p.policy === 'yaobank-customer/p-external2customer').outcome, 'allow');
  });

  test('summary -> database TCP 2379 is dropped at the end of tier default; p-database is excluded', async () => {
    // summary egress is allowed (p-customer2summary egress rule 0); at database ingress only default-app-policy
    // (no ingress rules, types Ingress+Egress) takes part, because p-database has errors -> end of tier default.
    const r = await run(['simulate', examples, '--from', 'yaobank-summary/summary', '--to', 'yaobank-database/database', '--protocol', 'TCP', '--port', '2379', '--format', 'json']);
    const result = JSON.parse(r.stdout);
    assert.equal(result.verdict, 'deny');
    assert.deepEqual(result.decidedBy, { side: 'ingress', tier: 'default', policy: null, ruleIndex: null, reason: 'end-of-tier' });
    assert.equal(result.trace.egress.verdict, 'allow');
    assert.deepEqual(result.excluded.map((e: { policy: string }) => e.policy), ['yaobank-database/p-database']);
  });

  test('customer -> coredns UDP 53 is allowed by default-app-policy egress; coredns is unselected', async () => {
    const r = await run(['simulate', examples, '--from', 'yaobank-customer/customer', '--to', 'kube-system/coredns', '--protocol', 'UDP', '--port', '53']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ALLOW yaobank-customer\/customer -> kube-system\/coredns UDP\/53/);
    assert.match(r.stdout, /no policy selects kube-system\/coredns for ingress/);
    assert.match(r.stdout, /default-app-policy \(GlobalNetworkPolicy, order none\): allow/);
  });

  test('the matrix lists every workload both ways', async () => {
    const r = await run(['simulate', examples, '--matrix', '--protocol', 'TCP', '--port', '80', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const m = JSON.parse(r.stdout);
    const ids = m.rows.map((e: { id: string }) => e.id);
    assert.deepEqual(ids, ['kube-system/coredns', 'yaobank-customer/customer', 'yaobank-database/database', 'yaobank-summary/summary']);
    const cell = m.cells[ids.indexOf('yaobank-customer/customer')][m.columns.findIndex((c: { id: string }) => c.id === 'yaobank-summary/summary')];
    assert.equal(cell.verdict, 'allow');
    assert.equal(cell.state, 'allowed');
  });
});

describe('assertions, errors and exit codes', () => {
  test('flows with "expect": a mismatch is listed and exits 1', async () => {
    const flowsFile = join(dir, 'expect.json');
    writeFileSync(
      flowsFile,
      JSON.stringify([
        { from: 'yaobank-customer/customer', to: 'yaobank-summary/summary', protocol: 'TCP', port: 80, expect: 'allow' },
        { from: 'yaobank-summary/summary', to: 'yaobank-database/database', protocol: 'TCP', port: 2379, expect: 'allow' },
      ]),
    );
    const r = await run(['simulate', examples, '--flows', flowsFile]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1], /^DENY .*\[expected allow\]/);
    assert.match(r.stderr, /mismatch: yaobank-summary\/summary -> yaobank-database\/database TCP\/2379: expected allow, got deny/);
  });

  test('the README tutorial flows (docs/tutorial-flows.json) all meet their expectations', async () => {
    const r = await run(['simulate', examples, '--flows', join(root, 'docs/tutorial-flows.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 5);
  });

  test('met expectations exit 0', async () => {
    const flowsFile = join(dir, 'expect-ok.json');
    writeFileSync(flowsFile, JSON.stringify([{ from: 'yaobank-summary/summary', to: 'yaobank-database/database', protocol: 'TCP', port: 2379, expect: 'deny' }]));
    assert.equal((await run(['simulate', examples, '--flows', flowsFile, '--format', 'json'])).code, 0);
  });

  test('an unknown endpoint exits 2 with the closest names', async () => {
    const r = await run(['simulate', examples, '--from', 'yaobank-customer/custmer', '--to', 'yaobank-summary/summary', '--protocol', 'TCP']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown endpoint 'yaobank-customer\/custmer'; did you mean yaobank-customer\/customer/);
  });

  test('nothing silently defaults: --protocol is required', async () => {
    const r = await run(['simulate', examples, '--from', 'yaobank-customer/customer', '--to', 'yaobank-summary/summary']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing --protocol/);
  });

  test('a malformed flows file exits 2 with the reason', async () => {
    const flowsFile = join(dir, 'bad.json');
    writeFileSync(flowsFile, JSON.stringify([{ from: 'a/b', to: 'c/d' }]));
    const r = await run(['simulate', examples, '--flows', flowsFile]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /flow 0 needs "protocol"/);
  });

  test('an unknown protocol and an unknown named port are errors', async () => {
    const base = ['simulate', examples, '--from', 'yaobank-customer/customer', '--to', 'yaobank-summary/summary'];
    assert.match((await run([...base, '--protocol', 'HTTP'])).stderr, /unknown protocol 'HTTP'/);
    assert.match((await run([...base, '--protocol', 'TCP', '--port', 'web'])).stderr, /no container port named 'web'/);
  });
});

describe('calico-policy explain', () => {
  test('markdown is the editor explanation of each policy', async () => {
    const r = await run(['explain', join(examples, 'policies/p-customer2summary.yaml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /p-customer2summary/);
    assert.match(r.stdout, /customer/);
  });

  test('json carries the policy facts', async () => {
    const r = await run(['explain', join(examples, 'policies/default-app-policy.yaml'), '--format', 'json']);
    const out = JSON.parse(r.stdout);
    assert.equal(out[0].kind, 'GlobalNetworkPolicy');
    assert.deepEqual(out[0].facts.types, ['ingress', 'egress']);
    assert.equal(out[0].facts.egress[0].protocol, 'UDP');
  });

  test('a file without policies exits 1', async () => {
    const r = await run(['explain', join(examples, 'yaobank/customer.yaml')]);
    assert.equal(r.code, 1);
  });
});

describe('the bundled command', () => {
  let cli: CliHandle;
  before(async () => {
    cli = await bundleCli();
  });
  after(() => cli.dispose());

  test('simulate --flows --format json from the built bundle', () => {
    const s = scenario('bundle', knp('deny-ingress', 'y', 'podSelector: {}\npolicyTypes: [Ingress]'), [
      { from: 'x/a', to: 'y/b', protocol: 'TCP', port: 80 },
      { from: 'y/b', to: 'x/a', protocol: 'UDP', port: 81 },
    ]);
    const r = cli.run(['simulate', s.folder, '--flows', s.flowsFile, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).map((x: { verdict: string }) => x.verdict), ['deny', 'allow']);
  });
});
