// Hover through plain LSP: field docs, selector operators/functions, label counts, policy paragraph.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspTestClient, testUri, rangeOf, fullCapabilities } from '../support/lspClient';
import { startWithWorkload, networkPolicy } from '../support/lspFixtures';

const policy = networkPolicy(`  selector: app == "customer" && version != "v2"
  ingress:
    - action: Allow
      protocol: TCP
      source:
        selector: app not in {"summary"} && !has(tier)
        namespaceSelector: ns starts with "cust"
`);

let client: LspTestClient;
let uri: string;
before(async () => {
  client = await startWithWorkload();
  uri = testUri();
  await client.open(uri, policy);
});
after(async () => {
  await client?.shutdown();
});



/** Hover at the first character of the `occurrence`-th `needle`. */
async function hoverOn(needle: string, occurrence = 0, text = policy, at = uri) {
  const range = rangeOf(text, needle, occurrence);
  const h = await client.hover(at, range.start);
  return { hover: h, value: (h?.contents as MarkupContent | undefined)?.value ?? '', range };
}

describe('hover on fields', () => {
  test('action: what it does, the allowed values, required', async () => {
    const { value, hover, range } = await hoverOn('action');
    assert.equal((hover?.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /`Allow` accepts/);
    assert.match(value, /Type: one of `Allow`, `Deny`, `Log`, `Pass`/);
    assert.match(value, /Required/);
    assert.deepEqual(hover?.range, { start: range.start, end: { line: range.start.line, character: range.start.character + 'action'.length } });
  });

  test('selector field: its default', async () => {
    const { value } = await hoverOn('selector');
    assert.match(value, /Default: `all\(\)`/);
  });

  test('protocol: names and numbers', async () => {
    const { value } = await hoverOn('protocol');
    assert.match(value, /`TCP`, `UDP`, `ICMP`, `ICMPv6`, `SCTP`, `UDPLite`/);
  });
});

describe('hover on list fields (reference §8.3: only rules are ordered)', () => {
  const text = networkPolicy(`  ingress:
    - action: Allow
      http:
        paths:
          - exact: /a
`);
  const rows: [string, string][] = [
    ['ingress', 'Type: list of rules (evaluated in order)'],
    ['paths', 'Type: list of objects'],
  ];
  for (const [field, type] of rows) {
    test(`${field}: ${type}`, async () => {
      const at = testUri('lists.yaml');
      await client.open(at, text);
      const { value } = await hoverOn(field, 0, text, at);
      await client.close(at);
      assert.ok(value.includes(`- ${type}\n`) || value.endsWith(`- ${type}`), value);
    });
  }
});

describe('hover on a host endpoint port protocol (reference §5)', () => {
  test('names only the protocols that have ports', async () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: HostEndpoint\nmetadata:\n  name: h\nspec:\n  node: n1\n  interfaceName: eth0\n  ports:\n    - name: ssh\n      protocol: TCP\n      port: 22\n';
    const at = testUri('hep.yaml');
    await client.open(at, text);
    const { value } = await hoverOn('protocol', 0, text, at);
    await client.close(at);
    assert.match(value, /- Type: protocol name `TCP`, `UDP` or `SCTP`/);
    assert.doesNotMatch(value, /ICMP|UDPLite/);
  });
});

describe('hover inside selectors', () => {
  test('!= explains that a missing label matches', async () => {
    const { value, hover } = await hoverOn('!=');
    assert.match(value, /without\*\* the label also matches/);
    const r = rangeOf(policy, '!=');
    assert.deepEqual(hover?.range, r);
  });

  test('not in explains that a missing label matches', async () => {
    const { value, hover } = await hoverOn('not in');
    assert.match(value, /not in \{"a", "b"\}/);
    assert.match(value, /without\*\* the label also matches/);
    assert.deepEqual(hover?.range, rangeOf(policy, 'not in'));
  });

  test('has and starts with are explained', async () => {
    assert.match((await hoverOn('has(')).value, /true when the label is present, whatever its value/);
    assert.match((await hoverOn('starts with')).value, /begins with/);
  });

  test('! explains it negates one term', async () => {
    assert.match((await hoverOn('!has')).value, /applies to one term only/);
  });

  test('a label key: how many endpoints carry it, where it is used, and what the selector matches', async () => {
    const { value, hover } = await hoverOn('app ==');
    assert.match(value, /Label key `app`/);
    assert.match(value, /Carried by 1 pod in yaobank-customer/);
    assert.match(value, /customer-policy: spec\.selector/);
    assert.match(value, /This selector matches 1 pod in yaobank-customer \(workspace\): customer-7d9f/);
    assert.deepEqual(hover?.range, rangeOf(policy, 'app', 0));
  });

  test('a value: which objects carry key=value', async () => {
    const { value } = await hoverOn('"customer"');
    assert.match(value, /Value `customer` of label `app`/);
    assert.match(value, /`app=customer`: 1 pod in yaobank-customer/);
  });

  test('a namespaceSelector key talks about namespaces', async () => {
    const { value } = await hoverOn('ns starts');
    assert.match(value, /Carried by 2 namespaces/);
    assert.match(value, /This selector matches 1 namespace/);
  });
});

describe('hover on profile labels (reference §6.4)', () => {
  const text = networkPolicy(`  ingress:
    - action: Allow
      source:
        selector: pcns.team == "a" && pcsa.projectcalico.org/name == "db"
`);
  const rows: [string, RegExp][] = [
    ['pcns.team', /Calico adds this label to every workload endpoint whose namespace has label `team`, with the same value\./],
    ['pcsa.projectcalico.org/name', /Calico adds this label to every workload endpoint: the name of the pod's service account\./],
  ];
  for (const [key, meaning] of rows) {
    test(`${key}: what it means, and no label count the known objects cannot back`, async () => {
      const at = testUri('profile-labels.yaml');
      await client.open(at, text);
      const { value } = await hoverOn(key, 0, text, at);
      await client.close(at);
      assert.match(value, meaning);
      // Known pods do not list inherited labels, so "carried by none" / "matches 0" would be false.
      assert.doesNotMatch(value, /No known|Carried by|This selector matches/);
    });
  }
});

describe('hover on all() in a namespaceSelector (reference §6.5)', () => {
  test('means any namespace, so host endpoints do not match', async () => {
    const text = networkPolicy('  ingress:\n    - action: Allow\n      source:\n        namespaceSelector: all()\n');
    const at = testUri('all-namespaces.yaml');
    await client.open(at, text);
    const { value } = await hoverOn('all()', 0, text, at);
    await client.close(at);
    assert.match(value, /it means any namespace, so non-namespaced endpoints such as host endpoints do not match/);
  });
});

describe('hover on kind and name', () => {
  test("kind shows the policy's one-paragraph explanation", async () => {
    const { value, hover } = await hoverOn('NetworkPolicy');
    assert.ok(value.length > 40, value);
    assert.match(value, /yaobank-customer/);
    assert.deepEqual(hover?.range, rangeOf(policy, 'NetworkPolicy'));
  });

  test('name shows the same paragraph', async () => {
    const kind = await hoverOn('NetworkPolicy');
    const name = await hoverOn('customer-policy');
    assert.equal(name.value, kind.value);
  });
});

describe('plain-text clients', () => {
  let plain: LspTestClient;
  before(async () => {
    const caps = structuredClone(fullCapabilities);
    caps.textDocument!.hover = { contentFormat: ['plaintext'] };
    plain = await LspTestClient.start({ settings: {}, capabilities: caps });
  });
  after(async () => {
    await plain?.shutdown();
  });

  test('get plain text without Markdown markers', async () => {
    const u = testUri();
    await plain.open(u, policy);
    const h = await plain.hover(u, rangeOf(policy, 'action').start);
    const c = h?.contents as MarkupContent;
    assert.equal(c.kind, 'plaintext');
    assert.ok(!c.value.includes('`') && !c.value.includes('**'), c.value);
  });
});
