// Completion through plain LSP against `node dist/server.js --stdio`.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-protocol/node';
import { LspTestClient, testUri, withCursor, fullCapabilities } from '../support/lspClient';
import { startWithWorkload, networkPolicy } from '../support/lspFixtures';

let client: LspTestClient;
before(async () => {
  client = await startWithWorkload();
});
after(async () => {
  await client?.shutdown();
});

/** Opens `textWithCursor` (cursor marked `|^|`) and returns the completion items at the cursor. */
async function completeAt(textWithCursor: string): Promise<{ items: CompletionItem[]; text: string }> {
  const { text, position } = withCursor(textWithCursor);
  const uri = testUri();
  await client.open(uri, text);
  const items = await client.completion(uri, position);
  await client.close(uri);
  return { items, text };
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const edit = (item: CompletionItem | undefined) => (item?.textEdit as TextEdit | undefined)?.newText;

describe('selector completion', () => {
  test("a NetworkPolicy's selector offers label keys of pods in its own namespace", async () => {
    const { items } = await completeAt(networkPolicy('  selector: |^|\n'));
    const keys = items.filter((i) => i.kind === CompletionItemKind.Field).map((i) => i.label).sort();
    // The customer pod's own labels plus the ones Calico adds to every workload endpoint (§6.4).
    assert.deepEqual(keys, [
      'app',
      'projectcalico.org/namespace',
      'projectcalico.org/orchestrator',
      'projectcalico.org/serviceaccount',
      'version',
    ]);
    const app = items.find((i) => i.label === 'app');
    assert.match(app?.detail ?? '', /^1 pod in yaobank-customer/);
  });

  test('functions at the start of an empty policy selector: has() and all(), but not global()', async () => {
    const { items } = await completeAt(networkPolicy('  selector: |^|\n'));
    const fns = items.filter((i) => i.kind === CompletionItemKind.Function).map((i) => i.label).sort();
    // `!` cannot start a plain YAML scalar, and global() is only valid in a rule namespaceSelector.
    assert.deepEqual(fns, ['all()', 'has()']);
  });

  test('global() is offered in an empty rule namespaceSelector, with namespace labels', async () => {
    const { items } = await completeAt(
      networkPolicy('  ingress:\n    - action: Allow\n      source:\n        namespaceSelector: |^|\n'),
    );
    assert.deepEqual(labels(items.filter((i) => i.kind === CompletionItemKind.Function)).sort(), ['all()', 'global()', 'has()']);
    const keys = items.filter((i) => i.kind === CompletionItemKind.Field).map((i) => i.label).sort();
    assert.deepEqual(keys, ['ns', 'projectcalico.org/name']);
  });

  test('after a key and a blank: every operator', async () => {
    const { items } = await completeAt(networkPolicy('  selector: app |^|\n'));
    assert.deepEqual(labels(items), ['==', '!=', 'in', 'not in', 'contains', 'starts with', 'ends with']);
    const ne = items.find((i) => i.label === '!=');
    assert.match(JSON.stringify(ne?.documentation), /without\*\* the label also matches/);
  });

  test('after == : known values of that key in scope, double-quoted inside a plain scalar', async () => {
    const { items, text } = await completeAt(networkPolicy('  selector: app == |^|\n'));
    assert.deepEqual(labels(items), ['customer']);
    const item = items[0];
    assert.equal(edit(item), '"customer"');
    assert.match(item.detail ?? '', /^app=customer · 1 pod in yaobank-customer/);
    const line = text.split('\n').findIndex((l) => l.includes('selector: app == '));
    const col = text.split('\n')[line].length;
    assert.deepEqual((item.textEdit as TextEdit).range, { start: { line, character: col }, end: { line, character: col } });
  });

  test("inside a double-quoted YAML scalar values use single quotes", async () => {
    const { items } = await completeAt(networkPolicy('  selector: "app == |^|"\n'));
    assert.equal(edit(items.find((i) => i.label === 'customer')), "'customer'");
  });

  test('an opened quote is completed in place and the range covers it', async () => {
    const { items, text } = await completeAt(networkPolicy("  selector: app == 'cu|^|\n"));
    const item = items.find((i) => i.label === 'customer')!;
    assert.equal(edit(item), "'customer'");
    const line = text.split('\n').findIndex((l) => l.includes("selector: app == 'cu"));
    const start = text.split('\n')[line].indexOf("'cu");
    assert.deepEqual((item.textEdit as TextEdit).range, { start: { line, character: start }, end: { line, character: start + 3 } });
  });

  // Calico string literals have no escapes (§6.1), but the YAML scalar around them does: the inserted text
  // must use the scalar's own escaping so the selector reads `app == "customer"` / `app == 'customer'`.
  const escapedQuoteCases: [string, string, string][] = [
    ['an escaped double quote in a double-quoted scalar', '  selector: "app == \\"cu|^|\\""\n', '\\"customer\\"'],
    ['a doubled single quote in a single-quoted scalar', "  selector: 'app == ''cu|^|'''\n", "''customer''"],
    ['a single-quoted scalar without an opened quote', "  selector: 'app == |^|'\n", '"customer"'],
  ];
  for (const [name, line, expected] of escapedQuoteCases) {
    test(`values keep the YAML scalar valid: ${name}`, async () => {
      const { items } = await completeAt(networkPolicy(line));
      assert.equal(edit(items.find((i) => i.label === 'customer')), expected);
    });
  }

  test('inside a set: values not already listed', async () => {
    const { items } = await completeAt(
      `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: apps
spec:
  selector: app in {"customer", |^|}
`,
    );
    // A GlobalNetworkPolicy selects endpoints in every namespace.
    assert.deepEqual(labels(items).sort(), ['database', 'summary']);
  });

  test('after a complete term: && and ||', async () => {
    const { items } = await completeAt(networkPolicy('  selector: app == "customer" |^|\n'));
    assert.deepEqual(labels(items), ['&&', '||']);
  });

  test('after a complete term inside an open group: && and || and )', async () => {
    const { items } = await completeAt(networkPolicy('  selector: (app == "customer" |^|\n'));
    assert.deepEqual(labels(items), ['&&', '||', ')']);
  });

  // all() and global() are whole selectors (§6.5): offered while the typed word is all there is.
  const wholeSelectorCases: [string, string, string[]][] = [
    ['typing gl in a rule namespaceSelector', '  ingress:\n    - action: Allow\n      source:\n        namespaceSelector: gl|^|\n', ['all()', 'global()', 'has()']],
    ['typing al in a policy selector', '  selector: al|^|\n', ['all()', 'has()']],
    ['after &&', '  selector: app == "customer" && al|^|\n', ['!has()', 'has()']],
  ];
  for (const [name, line, expected] of wholeSelectorCases) {
    test(`functions when ${name}`, async () => {
      const { items } = await completeAt(networkPolicy(line));
      assert.deepEqual(labels(items.filter((i) => i.kind === CompletionItemKind.Function)).sort(), expected);
    });
  }

  test('inside has( only label keys', async () => {
    const { items } = await completeAt(networkPolicy('  selector: has(|^|)\n'));
    assert.ok(items.length > 0);
    assert.ok(items.every((i) => i.kind === CompletionItemKind.Field), JSON.stringify(labels(items)));
    assert.ok(labels(items).includes('version'));
  });

  test('a rule selector beside namespaceSelector pinning a namespace offers that namespace\'s labels', async () => {
    const { items } = await completeAt(
      networkPolicy(
        '  ingress:\n    - action: Allow\n      source:\n        namespaceSelector: projectcalico.org/name == "yaobank-summary"\n        selector: |^|\n',
      ),
    );
    const keys = items.filter((i) => i.kind === CompletionItemKind.Field).map((i) => i.label);
    assert.ok(keys.includes('tier'), JSON.stringify(keys));
    assert.ok(!keys.includes('version'), JSON.stringify(keys));
  });

  test('serviceAccountSelector offers service-account labels; serviceAccounts.names offers names', async () => {
    const sa = await completeAt(networkPolicy('  serviceAccountSelector: |^|\n'));
    assert.deepEqual(sa.items.filter((i) => i.kind === CompletionItemKind.Field).map((i) => i.label).sort(), ['projectcalico.org/name', 'team']);
    const names = await completeAt(
      networkPolicy('  ingress:\n    - action: Allow\n      source:\n        serviceAccounts:\n          names:\n            - |^|\n'),
    );
    assert.deepEqual(labels(names.items), ['customer']);
    assert.match(names.items[0].detail ?? '', /yaobank-customer/);
  });
});

describe('YAML completion', () => {
  test('rule keys not yet present, with docs', async () => {
    const { items } = await completeAt(networkPolicy('  ingress:\n    - action: Allow\n      |^|\n'));
    const props = items.filter((i) => i.kind === CompletionItemKind.Property).map((i) => i.label).sort();
    assert.deepEqual(props, ['destination', 'http', 'icmp', 'ipVersion', 'metadata', 'notICMP', 'notProtocol', 'protocol', 'source']);
    const protocol = items.find((i) => i.label === 'protocol');
    assert.ok(protocol?.documentation, 'keys carry documentation');
  });

  test('spec keys of a NetworkPolicy exclude GlobalNetworkPolicy-only fields', async () => {
    const { items } = await completeAt(networkPolicy('  order: 10\n  |^|\n'));
    const keys = labels(items).sort();
    assert.deepEqual(keys, ['egress', 'ingress', 'performanceHints', 'selector', 'serviceAccountSelector', 'tier', 'types']);
  });

  const keyCases: [string, string, string[]][] = [
    ['ICMP', networkPolicy('  ingress:\n    - action: Allow\n      protocol: ICMP\n      icmp:\n        |^|\n'), ['code', 'type']],
    // `headers` is Calico Enterprise/Cloud's, offered under the default calico.edition `auto`.
    ['HTTP', networkPolicy('  ingress:\n    - action: Allow\n      http:\n        |^|\n'), ['headers', 'methods', 'paths']],
    ['HTTP path', networkPolicy('  ingress:\n    - action: Allow\n      http:\n        paths:\n          - |^|\n'), ['exact', 'prefix']],
    ['service account match', networkPolicy('  ingress:\n    - action: Allow\n      source:\n        serviceAccounts:\n          |^|\n'), ['names', 'selector']],
    ['service match', networkPolicy('  egress:\n    - action: Allow\n      destination:\n        services:\n          |^|\n'), ['name', 'namespace']],
    [
      'EntityRule',
      networkPolicy('  ingress:\n    - action: Allow\n      source:\n        nets: [10.0.0.0/8]\n        |^|\n'),
      ['namespaceSelector', 'notNets', 'notPorts', 'notSelector', 'ports', 'selector', 'serviceAccounts', 'services'],
    ],
  ];
  for (const [name, text, expected] of keyCases) {
    test(`${name} keys`, async () => {
      const { items } = await completeAt(text);
      assert.deepEqual(items.filter((i) => i.kind === CompletionItemKind.Property).map((i) => i.label).sort(), expected);
    });
  }

  test('metadata keys: namespace and labels offered, name (present) not', async () => {
    const { items } = await completeAt(networkPolicy('  selector: all()\n').replace('  name: customer-policy\n', '  name: customer-policy\n  |^|\n'));
    const keys = labels(items);
    assert.ok(keys.includes('labels') && keys.includes('annotations'), JSON.stringify(keys));
    assert.ok(!keys.includes('name') && !keys.includes('namespace'), 'present keys are not offered again');
  });

  const valueCases: [string, string, string[]][] = [
    ['action', networkPolicy('  ingress:\n    - action: |^|\n'), ['Allow', 'Deny', 'Log', 'Pass']],
    ['protocol', networkPolicy('  ingress:\n    - action: Allow\n      protocol: |^|\n'), ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite']],
    ['ipVersion', networkPolicy('  ingress:\n    - action: Allow\n      ipVersion: |^|\n'), ['4', '6']],
    ['types', networkPolicy('  types:\n    - |^|\n'), ['Ingress', 'Egress']],
    // A type listed twice is an error (§7.2 POL-TYPES-DUP), so a listed one is not offered again.
    ['types with Ingress listed', networkPolicy('  types:\n    - Ingress\n    - |^|\n'), ['Egress']],
    // Host endpoint ports need a protocol that has ports (§5).
    ['host endpoint port protocol', 'apiVersion: projectcalico.org/v3\nkind: HostEndpoint\nmetadata:\n  name: h\nspec:\n  ports:\n    - name: ssh\n      protocol: |^|\n', ['TCP', 'UDP', 'SCTP']],
    [
      'stagedAction',
      'apiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata:\n  name: p\n  namespace: x\nspec:\n  stagedAction: |^|\n',
      ['Set', 'Delete', 'Learn', 'Ignore'],
    ],
    ['defaultAction', 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: security\nspec:\n  defaultAction: |^|\n', ['Deny', 'Pass']],
    ['doNotTrack', 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: p\nspec:\n  doNotTrack: |^|\n', ['true', 'false']],
    ['kind', 'apiVersion: projectcalico.org/v3\nkind: |^|\n', [
      'NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedGlobalNetworkPolicy', 'StagedKubernetesNetworkPolicy',
      'NetworkSet', 'GlobalNetworkSet', 'Tier', 'HostEndpoint',
      // Calico Enterprise/Cloud kinds (docs.tigera.io, calico-enterprise reference), under calico.edition `auto`.
      'GlobalAlert', 'GlobalAlertTemplate', 'AlertException', 'GlobalThreatFeed', 'GlobalReport', 'GlobalReportType',
      'PacketCapture', 'DeepPacketInspection', 'EgressGatewayPolicy', 'LicenseKey', 'ManagedCluster',
      'PolicyRecommendationScope', 'SecurityEventWebhook', 'UISettings', 'UISettingsGroup', 'ExternalNetwork',
    ]],
  ];
  for (const [name, text, expected] of valueCases) {
    test(`values of ${name}`, async () => {
      const { items } = await completeAt(text);
      assert.deepEqual(labels(items), expected);
    });
  }

  test('stagedAction values claim nothing the reference does not say (§3.2)', async () => {
    const { items } = await completeAt('apiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata:\n  name: p\n  namespace: x\nspec:\n  stagedAction: |^|\n');
    assert.deepEqual(items.filter((i) => i.label === 'Learn' || i.label === 'Ignore').map((i) => i.detail), [
      'staged action Learn (never enforced)',
      'staged action Ignore (never enforced)',
    ]);
  });

  test('action values say what each does', async () => {
    const { items } = await completeAt(networkPolicy('  ingress:\n    - action: |^|\n'));
    assert.match(items.find((i) => i.label === 'Pass')?.detail ?? '', /skip the rest of this tier/);
    assert.match(items.find((i) => i.label === 'Log')?.detail ?? '', /continue with the next rule/);
  });

  test('kind values are only offered for a Calico apiVersion', async () => {
    const { items } = await completeAt('apiVersion: apps/v1\nkind: |^|\n');
    assert.deepEqual(items, []);
  });

  test('tier names: built-in tiers plus tiers seen in open documents', async () => {
    const tierUri = testUri('tier.yaml');
    await client.open(tierUri, 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: security\nspec:\n  order: 100\n');
    const { items } = await completeAt(networkPolicy('  tier: |^|\n'));
    await client.close(tierUri);
    assert.deepEqual(labels(items), ['default', 'kube-admin', 'kube-baseline', 'security']);
  });

  test('an empty rule offers the rule skeleton as a snippet', async () => {
    const { items } = await completeAt(networkPolicy('  ingress:\n    - |^|\n'));
    const rule = items.find((i) => i.label === 'rule');
    assert.ok(rule, JSON.stringify(labels(items)));
    assert.equal(rule.insertTextFormat, InsertTextFormat.Snippet);
    assert.match(edit(rule) ?? '', /^action: \$\{1\|Allow,Deny,Log,Pass\|\}\n/);
    // The skeleton has destination ports, so only protocols with ports are offered (§4.6).
    assert.match(edit(rule) ?? '', /\nprotocol: \$\{2\|TCP,UDP,SCTP\|\}\n/);
  });

  test('an empty source offers the EntityRule skeleton', async () => {
    const { items } = await completeAt(networkPolicy('  ingress:\n    - action: Allow\n      source:\n        |^|\n'));
    assert.ok(items.some((i) => i.label === 'entity' && i.insertTextFormat === InsertTextFormat.Snippet), JSON.stringify(labels(items)));
  });

  test('a YAML file that is not a Calico resource gets no completion', async () => {
    const { items } = await completeAt('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  |^|\n');
    assert.deepEqual(items, []);
  });
});

describe('completion without snippet support', () => {
  let plain: LspTestClient;
  before(async () => {
    const caps = structuredClone(fullCapabilities);
    caps.textDocument!.completion!.completionItem!.snippetSupport = false;
    plain = await LspTestClient.start({ settings: {}, capabilities: caps });
  });
  after(async () => {
    await plain?.shutdown();
  });

  test('operators insert plain text and skeletons are plain text', async () => {
    const { text, position } = withCursor(networkPolicy('  selector: app |^|\n'));
    const uri = testUri();
    await plain.open(uri, text);
    const items = await plain.completion(uri, position);
    assert.equal(edit(items.find((i) => i.label === '==')), '== ');
    assert.ok(items.every((i) => i.insertTextFormat !== InsertTextFormat.Snippet));
  });
});
