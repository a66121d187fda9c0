// No false alarms on real-world policies: labels every candidate carries, a rule list under `types:`,
// and POL-TIER-EXISTS fed with the tiers that exist (built-in, workspace files, the cluster's).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertFlagged, gnp, lintText, np } from '../../support/conformanceYaml';
import { runCli } from '../../../server/src/cli/main';
import { KnownTiers, scanWorkspaceTiers, tierNamesInTexts } from '../../../server/src/validation/knownTiers';

const missingLabel = (text: string) => lintText(text).filter((d) => d.code === 'SEL-MISSING-LABEL');

describe('SEL-MISSING-LABEL stays quiet for labels every candidate carries', () => {
  test('kubernetes.io/metadata.name in a namespaceSelector (Kubernetes labels every namespace with its name)', () => {
    assert.deepEqual(missingLabel(gnp('selector: all()\nnamespaceSelector: kubernetes.io/metadata.name not in {"kube-system", "calico-system"}')), []);
    assert.deepEqual(missingLabel(gnp('selector: all()\ningress:\n- action: Allow\n  source:\n    namespaceSelector: kubernetes.io/metadata.name != "dev"')), []);
  });
  test('projectcalico.org/name in a namespaceSelector', () => {
    assert.deepEqual(missingLabel(gnp('selector: all()\nnamespaceSelector: projectcalico.org/name not in {"kube-system"}')), []);
  });
  test('projectcalico.org/namespace in an endpoint selector', () => {
    assert.deepEqual(missingLabel(gnp('selector: projectcalico.org/namespace != "kube-system"')), []);
  });
  test('but an endpoint selector on kubernetes.io/metadata.name still warns (pods do not carry it)', () => {
    assertFlagged(gnp('selector: ⟦kubernetes.io/metadata.name != "x"⟧'), 'SEL-MISSING-LABEL');
  });
  test('and an ordinary namespace label still warns', () => {
    assertFlagged(gnp('selector: all()\nnamespaceSelector: ⟦team != "a"⟧'), 'SEL-MISSING-LABEL');
  });
  test('a carried label next to an ordinary one: the ordinary one is the pitfall', () => {
    assertFlagged(gnp('selector: all()\nnamespaceSelector: kubernetes.io/metadata.name != "x" && ⟦team != "a"⟧'), 'SEL-MISSING-LABEL');
  });
});

describe('a rule list written directly under types:', () => {
  test('says the ingress: key is missing', () => {
    const [d] = assertFlagged(np('selector: all()\ntypes:\n- Ingress\n- ⟦action: Allow⟧\n  source:\n    selector: app == "web"'), 'POL-TYPES-ENUM');
    assert.match(d.message, /`ingress:` key missing/);
  });
  test('says egress: when only Egress is listed', () => {
    const [d] = assertFlagged(np('selector: all()\ntypes:\n- Egress\n- ⟦action: Deny⟧'), 'POL-TYPES-ENUM');
    assert.match(d.message, /`egress:` key missing/);
  });
  test('a plain wrong entry keeps the ordinary message', () => {
    const [d] = assertFlagged(np('selector: all()\ntypes: [⟦{a: b}⟧]'), 'POL-TYPES-ENUM');
    assert.doesNotMatch(d.message, /key missing/);
  });
});

describe('POL-TIER-EXISTS', () => {
  const policy = (tier: string) => np(`tier: ${tier}\nselector: all()`, `${tier}.web`);
  const tierDoc = (name: string) => `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: ${name}\nspec:\n  order: 100\n`;

  test('the built-in tiers and declared Tiers are known', () => {
    const names = tierNamesInTexts([tierDoc('security'), policy('other')]);
    assert.deepEqual([...names].sort(), ['default', 'kube-admin', 'kube-baseline', 'security']);
  });

  test('KnownTiers answers nothing until the workspace is read, then every source', () => {
    let changes = 0;
    const known = new KnownTiers(() => changes++);
    known.set('file:///a.yaml', ['security']);
    assert.equal(known.names(), undefined);
    known.markComplete();
    assert.ok(known.names()!.has('security') && known.names()!.has('kube-admin'));
    known.set('cluster', ['platform']);
    assert.ok(known.names()!.has('platform'));
    known.delete('file:///a.yaml');
    assert.ok(!known.names()!.has('security'));
    const before = changes;
    known.set('cluster', ['platform']);
    assert.equal(changes, before, 'the same names again change nothing');
  });

  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'calico-tiers-'));
    mkdirSync(join(dir, 'tiers'));
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'tiers', 'security.yaml'), tierDoc('security'));
    writeFileSync(join(dir, 'node_modules', 'ignored.yaml'), tierDoc('ignored'));
    writeFileSync(join(dir, 'policy.yaml'), policy('nosuch'));
    writeFileSync(join(dir, 'ok.yaml'), policy('security'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the workspace scan finds Tier manifests (not under node_modules)', async () => {
    const found = await scanWorkspaceTiers([dir]);
    assert.deepEqual([...found.entries()], [[pathToFileURL(join(dir, 'tiers', 'security.yaml')).toString(), ['security']]]);
  });

  const lint = async (args: string[]) => {
    let stdout = '';
    const code = await runCli(['lint', ...args], { stdout: (s) => void (stdout += s), stderr: () => {}, readStdin: async () => '' });
    return { code, stdout };
  };

  test('lint --hints on a policy with tier: nosuch warns', async () => {
    const { stdout } = await lint(['--hints', join(dir, 'policy.yaml')]);
    assert.match(stdout, /warning POL-TIER-EXISTS Tier `nosuch` was not found/);
  });

  test('lint knows the Tiers of every file it checks', async () => {
    const { stdout } = await lint([dir]);
    assert.match(stdout, /policy\.yaml.*POL-TIER-EXISTS/);
    assert.doesNotMatch(stdout, /ok\.yaml.*POL-TIER-EXISTS/);
  });

  test('--calico-edition takes auto, oss or enterprise', async () => {
    const bad = await runCli(['lint', '--calico-edition', 'pro', join(dir, 'ok.yaml')], { stdout: () => {}, stderr: () => {}, readStdin: async () => '' });
    assert.equal(bad, 2);
    const ent = 'apiVersion: projectcalico.org/v3\nkind: GlobalAlert\nmetadata:\n  name: a\n';
    writeFileSync(join(dir, 'alert.yaml'), ent);
    assert.equal((await lint(['--calico-edition', 'oss', join(dir, 'alert.yaml')])).code, 1);
    assert.equal((await lint(['--calico-edition=enterprise', join(dir, 'alert.yaml')])).code, 0);
  });
});
