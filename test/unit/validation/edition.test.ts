// Calico Enterprise / Calico Cloud fields and kinds under calico.edition auto, oss and enterprise.
// Expected behaviour from docs.tigera.io (Calico Enterprise reference): GlobalNetworkSet/NetworkSet
// `allowedEgressDomains`; EntityRule `domains` ("only valid for egress Allow rules … nets and selector must both be
// left empty"); "Exact and wildcard domain names"; HTTPMatch `headers` (header/operator/values, seven operators).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, assertFlagged, gnp, lintText, np, resource } from '../../support/conformanceYaml';
import { parseFile } from '../../../server/src/document';
import { hover } from '../../../server/src/features/hover';
import { completion } from '../../../server/src/features/completion';
import { readClientFeatures } from '../../../server/src/server/capabilities';
import { normalizeSettings } from '../../../server/src/settings';

const gns = (spec: string) => resource('GlobalNetworkSet', 'external', spec, undefined, 'labels:\n  role: external');
const ns = (spec: string) => resource('NetworkSet', 'external', spec, 'shop', 'labels:\n  role: external');
const egressAllow = (destination: string) => gnp(`selector: all()\ntypes: [Egress]\negress:\n- action: Allow\n  destination:\n${destination.split('\n').map((l) => `    ${l}`).join('\n')}`);
const headers = (list: string) => np(`selector: app == "web"\ningress:\n- action: Allow\n  protocol: TCP\n  http:\n    headers:\n${list.split('\n').map((l) => `    ${l}`).join('\n')}`);

const enterpriseSamples = [
  gns('nets: [198.51.100.0/28]\nallowedEgressDomains: [db.com, "*.db.com"]'),
  ns('allowedEgressDomains: [db.example.com]'),
  egressAllow('domains: [api.example.com, "*.google.com"]'),
  headers("- header: x-forwarded-for\n  operator: HasPrefix\n  values: ['192.168.0.1', '192.168.0.254']"),
];

describe('calico.edition auto (default)', () => {
  test('Enterprise fields are no error or warning, only an information note naming the products', () => {
    for (const text of enterpriseSamples) {
      assertClean(text, {}, true);
      const notes = lintText(text).filter((d) => d.code === 'EDITION-ENTERPRISE');
      assert.equal(notes.length, 1, text);
      assert.equal(notes[0].severity, 'information');
      assert.match(notes[0].message, /Calico Enterprise or Calico Cloud/);
    }
  });
  test('the note sits on the field name', () => {
    assertFlagged(gns('⟦allowedEgressDomains⟧: [db.com]'), 'EDITION-ENTERPRISE');
    assertFlagged(egressAllow('⟦domains⟧: [api.example.com]'), 'EDITION-ENTERPRISE');
  });
});

describe('calico.edition oss', () => {
  test('each Enterprise field is an error saying which products have it', () => {
    for (const [text, field] of [[enterpriseSamples[0], 'allowedEgressDomains'], [enterpriseSamples[2], 'domains'], [enterpriseSamples[3], 'headers']] as const) {
      const errors = lintText(text, { edition: 'oss' }).filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => d.code), ['EDITION-OSS'], text);
      assert.match(errors[0].message, new RegExp(`\`${field}\` is only in Calico Enterprise and Calico Cloud`));
    }
  });
});

describe('calico.edition enterprise', () => {
  test('Enterprise fields are accepted silently', () => {
    for (const text of enterpriseSamples) assert.deepEqual(lintText(text, { edition: 'enterprise' }).map((d) => d.code), [], text);
  });
});

describe('domains: where Calico allows them', () => {
  const opts = { edition: 'enterprise' as const };
  test('not in an ingress rule', () => {
    assertFlagged(gnp('selector: all()\ningress:\n- action: Allow\n  source:\n    ⟦domains⟧: [api.example.com]'), 'RULE-DOMAINS', opts);
  });
  test('not in the source of an egress rule', () => {
    assertFlagged(gnp('selector: all()\negress:\n- action: Allow\n  source:\n    ⟦domains⟧: [api.example.com]'), 'RULE-DOMAINS', opts);
  });
  test('only in Allow rules', () => {
    assertFlagged(gnp('selector: all()\negress:\n- action: Deny\n  destination:\n    ⟦domains⟧: [api.example.com]'), 'RULE-DOMAINS', opts);
  });
  test('nets and selector must be left empty next to them', () => {
    assertFlagged(egressAllow('⟦nets⟧: [10.0.0.0/8]\ndomains: [api.example.com]'), 'RULE-DOMAINS', opts);
    assertFlagged(egressAllow('⟦selector⟧: app == "db"\ndomains: [api.example.com]'), 'RULE-DOMAINS', opts);
  });
  test('ports and a namespaceSelector may go with them', () => {
    assertClean(gnp('selector: all()\ntypes: [Egress]\negress:\n- action: Allow\n  protocol: TCP\n  destination:\n    ports: [443]\n    domains: [api.example.com]'), opts, true);
  });
});

describe('domain names and wildcards as Calico documents them', () => {
  const opts = { edition: 'enterprise' as const };
  test('exact names and one whole-label * anywhere are accepted', () => {
    for (const name of ['microsoft.com', 'tigera.io', '*.google.com', 'www.*.com', 'www.google.*', 'update.*.mycompany.com']) {
      assertClean(egressAllow(`domains: ["${name}"]`), opts, true);
      assertClean(gns(`allowedEgressDomains: ["${name}"]`), opts, true);
    }
  });
  test('two wildcards, a * inside a label, and regular expressions are rejected', () => {
    assertFlagged(egressAllow('domains: [⟦"*.*.mycompany.com"⟧]'), 'DOMAIN-NAME', opts);
    assertFlagged(egressAllow('domains: [⟦"www.g*.com"⟧]'), 'DOMAIN-NAME', opts);
    assertFlagged(gns('allowedEgressDomains: [⟦"^api\\\\.example\\\\.com$"⟧]'), 'DOMAIN-NAME', opts);
    assertFlagged(gns('allowedEgressDomains: [⟦"a..b.com"⟧]'), 'DOMAIN-NAME', opts);
  });
});

describe('http headers', () => {
  const opts = { edition: 'enterprise' as const };
  test('the seven documented operators are accepted', () => {
    for (const op of ['In', 'NotIn', 'HasPrefix', 'HasSuffix', 'MatchesRegex']) assertClean(headers(`- header: x-env\n  operator: ${op}\n  values: [prod]`), opts, true);
    for (const op of ['Exists', 'DoesNotExist']) assertClean(headers(`- header: x-env\n  operator: ${op}`), opts, true);
  });
  test('operators are case-sensitive, with a did-you-mean', () => {
    const [d] = assertFlagged(headers('- header: x-env\n  operator: ⟦in⟧\n  values: [prod]'), 'SCHEMA-ENUM', opts);
    assert.match(d.message, /did you mean `In`/);
  });
  test('an unknown operator is rejected', () => {
    assertFlagged(headers('- header: x-env\n  operator: ⟦Contains⟧\n  values: [prod]'), 'SCHEMA-ENUM', opts);
  });
  test('header and operator are required', () => {
    assertFlagged(headers('- ⟪operator⟫: Exists'), 'SCHEMA-REQUIRED', opts);
  });
});

describe('Enterprise-only kinds kept next to policies', () => {
  const kinds = ['GlobalAlert', 'GlobalThreatFeed', 'PacketCapture', 'DeepPacketInspection', 'EgressGatewayPolicy', 'LicenseKey', 'GlobalReport', 'AlertException'];
  const doc = (kind: string) => `apiVersion: projectcalico.org/v3\nkind: ${kind}\nmetadata:\n  name: sample_1\n  namespace: shop\nspec:\n  anything: [goes, here]\n`;
  test('are known: no error or warning under auto, just the note', () => {
    for (const kind of kinds) {
      assertClean(doc(kind), {}, true);
      assert.deepEqual(lintText(doc(kind)).map((d) => d.code), ['EDITION-ENTERPRISE'], kind);
    }
  });
  test('under oss they are errors; under enterprise nothing', () => {
    for (const kind of kinds) {
      assert.deepEqual(lintText(doc(kind), { edition: 'oss' }).map((d) => d.code), ['EDITION-OSS'], kind);
      assert.deepEqual(lintText(doc(kind), { edition: 'enterprise' }), [], kind);
    }
  });
  test('a misspelt one gets a did-you-mean', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: ⟦GlobalThreatFed⟧\nmetadata:\n  name: feed\n';
    const [d] = assertFlagged(text, 'DOC-KIND-UNKNOWN');
    assert.match(d.message, /GlobalThreatFeed/);
  });
  test('hover on the kind says what it is and that it needs Calico Enterprise/Cloud', () => {
    const text = doc('GlobalThreatFeed');
    const h = hover({ file: parseFile(text), offset: text.indexOf('GlobalThreatFeed') + 3, client: readClientFeatures(undefined) });
    const value = (h?.contents as { value: string }).value;
    assert.match(value, /threat/i);
    assert.match(value, /Calico Enterprise/);
  });
});

describe('completion and hover of the new fields', () => {
  const client = readClientFeatures(undefined);
  const labelsAt = (marked: string, edition?: 'auto' | 'oss' | 'enterprise') => {
    const text = marked.replace('|', '');
    return completion({ file: parseFile(text), offset: marked.indexOf('|'), client, tierNames: () => ['default'], edition }).map((c) => c.label);
  };
  test('allowedEgressDomains in a network set spec; not under oss', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata:\n  name: x\nspec:\n  nets: []\n  |\n';
    assert.ok(labelsAt(text).includes('allowedEgressDomains'));
    assert.ok(!labelsAt(text, 'oss').includes('allowedEgressDomains'));
  });
  test('domains in an egress destination only', () => {
    const egress = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: x\nspec:\n  egress:\n  - action: Allow\n    destination:\n      ports: [443]\n      |\n';
    const ingress = egress.replace('egress:', 'ingress:').replace('destination:', 'source:');
    assert.ok(labelsAt(egress).includes('domains'));
    assert.ok(!labelsAt(ingress).includes('domains'));
  });
  test('headers in an http match', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: x\n  namespace: y\nspec:\n  ingress:\n  - action: Allow\n    http:\n      methods: [GET]\n      |\n';
    assert.ok(labelsAt(text).includes('headers'));
  });
  test('Enterprise kinds are offered for kind:, not under oss', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: |\n';
    assert.ok(labelsAt(text).includes('GlobalAlert'));
    assert.ok(!labelsAt(text, 'oss').includes('GlobalAlert'));
  });
  test('hover on domains says where it works and which products have it', () => {
    const text = egressAllow('domains: [api.example.com]');
    const h = hover({ file: parseFile(text), offset: text.indexOf('domains') + 2, client });
    const value = (h?.contents as { value: string }).value;
    assert.match(value, /egress/);
    assert.match(value, /Calico Enterprise and Calico Cloud only/);
  });
});

describe('the calico.edition setting', () => {
  test('defaults to auto and accepts only auto, oss and enterprise', () => {
    assert.equal(normalizeSettings({}).edition, 'auto');
    assert.equal(normalizeSettings({ edition: 'oss' }).edition, 'oss');
    assert.equal(normalizeSettings({ edition: 'enterprise' }).edition, 'enterprise');
    assert.equal(normalizeSettings({ edition: 'Enterprise' }).edition, 'auto');
  });
  test('is contributed by the extension', async () => {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    const setting = pkg.contributes.configuration.properties['calico.edition'];
    assert.deepEqual(setting.enum, ['auto', 'oss', 'enterprise']);
    assert.equal(setting.default, 'auto');
    assert.equal(setting.scope, 'resource');
  });
});
