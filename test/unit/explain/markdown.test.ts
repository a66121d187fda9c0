import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf } from './helpers';
import { policyMarkdown, policyTitle } from '../../../server/src/explain';

const gnp = (spec: string) => `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: security.edge
spec:
${spec}`;

/** The rows of the first table under a `## <section>` heading, cells split. */
function tableRows(markdown: string, section: string): string[][] {
  const start = markdown.indexOf(`## ${section}`);
  assert.ok(start >= 0, `section ${section} missing`);
  const lines = markdown.slice(start).split('\n');
  return lines
    .filter((l) => /^\| \d+ \|/.test(l))
    .map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
}

describe('policy Markdown', () => {
  const yaml = gnp(`  tier: security
  order: 10
  selector: role == "edge"
  ingress:
    - action: Log
    - action: Pass
      source: {selector: a == "1" || b == "2"}
    - action: Deny
    - action: Allow
      protocol: TCP
`);

  test('title names kind and policy', () => {
    assert.equal(policyTitle(factsOf(yaml)), 'GlobalNetworkPolicy security.edge');
  });

  test('rules are listed in evaluation order with what each action does (reference §8)', () => {
    const rows = tableRows(policyMarkdown(factsOf(yaml)), 'Ingress');
    assert.deepEqual(
      rows.map((r) => [r[0], r[1]]),
      [
        ['1', 'Log'],
        ['2', 'Pass'],
        ['3', 'Deny'],
        ['4', 'Allow'],
      ],
    );
    assert.match(rows[0]![3]!, /Logged; evaluation continues with the next rule/);
    assert.match(rows[1]![3]!, /Skips the rest of tier `security`; evaluation continues in the next tier/);
    assert.match(rows[2]![3]!, /Dropped; evaluation ends/);
  });

  test('a `||` inside a selector does not break the table', () => {
    const rows = tableRows(policyMarkdown(factsOf(yaml)), 'Ingress');
    assert.equal(rows[1]!.length, 4);
    assert.match(rows[1]![2]!, /a == "1" \\\|\\\| b == "2"/);
  });

  test('rules after a catch-all Deny are never reached', () => {
    const rows = tableRows(policyMarkdown(factsOf(yaml)), 'Ingress');
    assert.match(rows[3]![3]!, /Never reached: rule 3 matches everything first/);
  });

  test('states the tier, order and unknown default action', () => {
    const md = policyMarkdown(factsOf(yaml));
    assert.match(md, /\*\*Tier:\*\* `security` \(default action not known here: `Deny` unless the Tier sets `Pass`\) · \*\*Order:\*\* 10/);
  });

  test('global rule selectors span namespaces, host endpoints and global sets', () => {
    assert.match(policyMarkdown(factsOf(yaml)), /match endpoints in every namespace as well as host endpoints and global network sets/);
  });

  test('doNotTrack, preDNAT and applyOnForward are explained', () => {
    const dnt = policyMarkdown(factsOf(gnp('  doNotTrack: true\n  applyOnForward: true\n  ingress: [{action: Allow}]\n')));
    assert.match(dnt, /reply traffic must be allowed explicitly/);
    assert.match(dnt, /also applies to traffic forwarded/);
    assert.doesNotMatch(dnt, /allowed by connection tracking/);
    const pre = policyMarkdown(factsOf(gnp('  preDNAT: true\n  applyOnForward: true\n  ingress: [{action: Deny, protocol: TCP}]\n')));
    assert.match(pre, /run before DNAT/);
  });

  test('!= and not in are explained to match missing labels (reference §10.1)', () => {
    const md = policyMarkdown(factsOf(gnp('  selector: env != "prod"\n')));
    assert.match(md, /`!=` and `not in` also match endpoints that do not have the label at all/);
  });

  test('explicit types with no rules for a direction: that direction is denied at the end of the tier', () => {
    const md = policyMarkdown(factsOf(gnp('  types: [Ingress, Egress]\n  ingress: [{action: Allow, protocol: TCP}]\n')));
    assert.match(md, /## Egress\n\n\*\*Traffic no rule matches:\*\* No egress rules: egress from the selected endpoints/);
  });

  test('ignored direction is shown as ignored', () => {
    const md = policyMarkdown(factsOf(gnp('  types: [Ingress]\n  egress: [{action: Allow}]\n')));
    assert.match(md, /## Egress \(ignored\)/);
    assert.match(md, /its egress rules are ignored because `types` leaves Egress out/);
  });

  test('staged Delete explains it previews a deletion and lists no rules', () => {
    const md = policyMarkdown(
      factsOf('apiVersion: projectcalico.org/v3\nkind: StagedGlobalNetworkPolicy\nmetadata: {name: x}\nspec:\n  stagedAction: Delete\n'),
    );
    assert.match(md, /never affects traffic\. It previews deleting/);
    assert.doesNotMatch(md, /## Ingress/);
    // A Delete has no selector or types (reference §3.2), so nothing may say what it applies to.
    assert.doesNotMatch(md, /Applies to|Directions|every endpoint/);
  });

  // §4.2 vs §6.5/§10.16: a lone notSelector reaches peers outside Calico only where nothing confines the side.
  const notSelectorRows: [string, string, boolean][] = [
    ['NetworkPolicy', 'metadata: {name: p, namespace: ns}', false],
    ['GlobalNetworkPolicy', 'metadata: {name: p}', true],
  ];
  for (const [kind, metadata, outside] of notSelectorRows) {
    test(`${kind}: a notSelector-only side ${outside ? 'also' : 'does not'} match peers outside the cluster`, () => {
      const md = policyMarkdown(factsOf(`apiVersion: projectcalico.org/v3\nkind: ${kind}\n${metadata}\nspec:\n  ingress:\n    - action: Allow\n      source: {notSelector: role == "x"}\n`));
      const claim = /A side with only a `notSelector` is also satisfied by peers Calico does not know \(outside the cluster\)\./;
      if (outside) assert.match(md, claim);
      else assert.doesNotMatch(md, /outside the cluster/);
    });
  }

  test('a NetworkPolicy rule with namespaceSelector global() reaches host endpoints and global sets (§6.5)', () => {
    const np = (source: string) =>
      `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec:\n  ingress:\n    - action: Allow\n      source: ${source}\n`;
    assert.match(
      policyMarkdown(factsOf(np('{namespaceSelector: global()}'))),
      /Rule selectors match pods \(workload endpoints\) and network sets by their labels \(and host endpoints and global network sets where a rule side uses `namespaceSelector: global\(\)`\)\.\n/,
    );
    assert.match(policyMarkdown(factsOf(np('{selector: a == "b"}'))), /Rule selectors match pods \(workload endpoints\) and network sets by their labels\.\n/);
  });
});
