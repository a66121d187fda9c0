// The "What Changes If I Apply This?" preview: flows grouped by what becomes of them, rule before → after, warnings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { whatChangesMarkdown } from '../../../client/src/traffic/whatChangesMarkdown';
import type { DiffTrafficResult, FlowChange } from '../../../protocol';

const ruleSide = (verdict: 'allow' | 'deny', policy: string, decision: string) => ({
  verdict,
  decidedBy: { side: 'ingress' as const, tier: 'default', policy, ruleIndex: 0, reason: 'rule' as const },
  decision,
});

const denied: FlowChange = {
  from: 'yaobank-customer/customer',
  to: 'yaobank-summary/summary',
  protocol: 'TCP',
  port: 80,
  change: 'becomes-denied',
  before: ruleSide('allow', 'yaobank-summary/p-customer2summary', 'yaobank-summary/p-customer2summary ingress rule 0 (tier default)'),
  after: ruleSide('deny', 'yaobank-summary/summary-deny-all', 'yaobank-summary/summary-deny-all ingress rule 0 (tier default)'),
};

const base: DiffTrafficResult = { changes: [], checked: { endpoints: 4, ports: [{ protocol: 'TCP', port: 80 }], flows: 12 }, uncertainFlows: 0, warnings: [] };

describe('what changes preview', () => {
  test('a flow that becomes denied is listed under its heading with the rule before and after', () => {
    const md = whatChangesMarkdown('deny.yaml', { ...base, changes: [denied] });
    const lines = md.split('\n');
    const heading = lines.indexOf('## Become denied (1)');
    assert.ok(heading > 0, md);
    const item = lines.findIndex((l) => l.includes('yaobank-customer/customer → yaobank-summary/summary TCP/80'));
    assert.ok(item > heading, md);
    assert.match(lines[item + 1], /before: allow by yaobank-summary\/p-customer2summary ingress rule 0/);
    assert.match(lines[item + 2], /after: deny by yaobank-summary\/summary-deny-all ingress rule 0/);
    assert.ok(!md.includes('Become allowed'), md);
    assert.ok(!md.includes('No flow changes verdict'), md);
  });

  test('no changes says so, and warnings are shown', () => {
    const md = whatChangesMarkdown('x.yaml', { ...base, warnings: ['NetworkPolicies in namespace payments could not be read: forbidden.'] });
    assert.match(md, /No flow changes verdict/);
    assert.match(md, /## Warnings[\s\S]*payments could not be read: forbidden/);
  });

  test('names from the file cannot inject Markdown links or HTML', () => {
    const md = whatChangesMarkdown('[x](http://evil).yaml', { ...base, changes: [{ ...denied, from: '<img src=x>' }] });
    // CommonMark: a backslash before punctuation makes it a literal character.
    assert.doesNotMatch(md, /(^|[^\\])\[x(\\)?\]\(/, md);
    assert.doesNotMatch(md, /(^|[^\\])<img/, md);
    assert.ok(md.includes('\\<img'), md);
  });
});
