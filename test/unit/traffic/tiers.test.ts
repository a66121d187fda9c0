// Tiers, Pass, default actions, types defaulting and the profile (reference §3.1, §8).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs, flow, modelOf, namespace, pod } from './helpers';

const pods = docs(
  namespace('prod'),
  pod('prod', 'db', { app: 'db' }),
  pod('prod', 'good', { role: 'good' }),
  pod('prod', 'bad', { role: 'bad' }),
  pod('prod', 'other', { role: 'other' }),
);

const securityTier = (defaultAction?: string) => `apiVersion: projectcalico.org/v3
kind: Tier
metadata:
  name: security
spec:
  order: 100
${defaultAction ? `  defaultAction: ${defaultAction}\n` : ''}`;

const blockBad = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: security.block-bad
spec:
  tier: security
  selector: app == "db"
  ingress:
    - action: Deny
      source:
        selector: role == "bad"
    - action: Pass
      source:
        selector: role == "good"
`;

const allowGood = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-good
  namespace: prod
spec:
  selector: app == "db"
  ingress:
    - action: Allow
      source:
        selector: role == "good"
`;

describe('tiers and Pass', () => {
  const model = modelOf(docs(pods, securityTier(), blockBad, allowGood));

  test('Pass leaves the security tier and the default tier allows', () => {
    // security tier: rule 0 (bad) fails, rule 1 Pass matches -> default tier: allow-good rule 0 allows.
    const r = flow(model, 'prod/good', 'prod/db', 'TCP', 5432);
    assert.equal(r.verdict, 'allow');
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'default', policy: 'prod/allow-good', ruleIndex: 0, reason: 'rule' });
    const tiers = r.trace.ingress!.tiers;
    assert.deepEqual(tiers.map((t) => [t.tier, t.outcome]), [['security', 'pass'], ['default', 'allow']]);
  });

  test('a Deny rule in an earlier tier ends evaluation', () => {
    // security tier rule 0 denies role == "bad"; the default tier is never consulted.
    const r = flow(model, 'prod/bad', 'prod/db', 'TCP', 5432);
    assert.equal(r.verdict, 'deny');
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'security', policy: 'security.block-bad', ruleIndex: 0, reason: 'rule' });
    assert.deepEqual(r.trace.ingress!.tiers.map((t) => t.tier), ['security']);
  });

  test('no rule matching in a tier applies its default action (Deny)', () => {
    // role == "other": neither rule matches, so the security tier ends with its default Deny.
    const r = flow(model, 'prod/other', 'prod/db', 'TCP', 5432);
    assert.equal(r.verdict, 'deny');
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'security', policy: null, ruleIndex: null, reason: 'end-of-tier' });
  });

  test('a tier whose defaultAction is Pass hands over to the next tier', () => {
    // Same, but the tier passes at its end; allow-good selects db and does not match "other" -> default tier denies.
    const passing = modelOf(docs(pods, securityTier('Pass'), blockBad, allowGood));
    const r = flow(passing, 'prod/other', 'prod/db', 'TCP', 5432);
    assert.equal(r.verdict, 'deny');
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'default', policy: null, ruleIndex: null, reason: 'end-of-tier' });
    assert.deepEqual(r.trace.ingress!.tiers.map((t) => t.outcome), ['end-of-tier-pass', 'end-of-tier-deny']);
  });

  test('an endpoint no policy selects is governed by its profile (allow)', () => {
    // Nothing selects prod/good for ingress or prod/db for egress.
    const r = flow(model, 'prod/db', 'prod/good', 'TCP', 80);
    assert.equal(r.verdict, 'allow');
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: null, policy: null, ruleIndex: null, reason: 'profile' });
    assert.equal(r.trace.ingress!.profile, 'allow');
    assert.deepEqual(r.trace.ingress!.tiers, []);
  });

  test('policies inside a tier run by order, omitted order last, ties by name', () => {
    const ordered = docs(
      pods,
      `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: b-deny
  namespace: prod
spec:
  order: 10
  selector: app == "db"
  ingress:
    - action: Deny
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: a-allow
  namespace: prod
spec:
  order: 20
  selector: app == "db"
  ingress:
    - action: Allow
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: a-unordered
  namespace: prod
spec:
  selector: app == "db"
  ingress:
    - action: Allow
`,
    );
    // order 10 (b-deny) comes before order 20 even though its name sorts later.
    const r = flow(modelOf(ordered), 'prod/good', 'prod/db', 'TCP', 1);
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'default', policy: 'prod/b-deny', ruleIndex: 0, reason: 'rule' });
    assert.deepEqual(r.trace.ingress!.tiers[0].policies.map((p) => p.policy), ['prod/b-deny']);
    // Without b-deny: a-allow (order 20) decides before the unordered a-unordered.
    const r2 = flow(modelOf(ordered.replace('order: 10', 'order: 30')), 'prod/good', 'prod/db', 'TCP', 1);
    assert.equal(r2.decidedBy.policy, 'prod/a-allow');
  });

  test('Log goes on to the next rule', () => {
    const logged = docs(pods, allowGood.replace('  ingress:\n', '  ingress:\n    - action: Log\n'));
    // rule 0 Log matches and continues; rule 1 (the former rule 0) allows.
    const r = flow(modelOf(logged), 'prod/good', 'prod/db', 'TCP', 1);
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'default', policy: 'prod/allow-good', ruleIndex: 1, reason: 'rule' });
    assert.equal(r.trace.ingress!.tiers[0].policies[0].rules[0].matched, true);
  });

  test('a Tier manifest sets the order of the tiers', () => {
    // Security at order 2,000,000 runs after default (1,000,000): allow-good does not match role == "bad",
    // so the default tier ends with Deny before the security tier is reached.
    const late = modelOf(docs(pods, securityTier().replace('order: 100', 'order: 2000000'), blockBad, allowGood));
    const r = flow(late, 'prod/bad', 'prod/db', 'TCP', 1);
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'default', policy: null, ruleIndex: null, reason: 'end-of-tier' });
    // good is allowed by the default tier before the security tier's Pass is ever seen.
    assert.deepEqual(flow(late, 'prod/good', 'prod/db', 'TCP', 1).trace.ingress!.tiers.map((t) => t.tier), ['default']);
  });

  test('a policy in a tier that does not exist takes no part', () => {
    const r = flow(modelOf(docs(pods, blockBad)), 'prod/bad', 'prod/db', 'TCP', 1);
    // Without the Tier manifest Calico rejects security.block-bad: db is unselected -> profile allows.
    assert.equal(r.verdict, 'allow');
    assert.equal(r.decidedBy.reason, 'profile');
    assert.match(r.excluded?.[0].reason ?? '', /tier security does not exist/);
  });
});

describe('types defaulting (§3.1)', () => {
  const egressOnly = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: egress-only
  namespace: prod
spec:
  selector: app == "db"
  egress:
    - action: Deny
      destination:
        selector: role == "bad"
`;
  const noRules = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: isolate
  namespace: prod
spec:
  selector: app == "db"
`;
  const bothTypes = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: ingress-rules-both-types
  namespace: prod
spec:
  selector: app == "db"
  types: [Ingress, Egress]
  ingress:
    - action: Allow
`;

  test('egress rules only: types = [Egress], ingress stays open', () => {
    const model = modelOf(docs(pods, egressOnly));
    // The policy does not take part in ingress -> profile allows good -> db.
    assert.equal(flow(model, 'prod/good', 'prod/db', 'TCP', 1).decidedBy.reason, 'profile');
    // Egress from db to bad hits the Deny rule at the source.
    assert.deepEqual(flow(model, 'prod/db', 'prod/bad', 'TCP', 1).decidedBy, { side: 'egress', tier: 'default', policy: 'prod/egress-only', ruleIndex: 0, reason: 'rule' });
  });

  test('no rules at all: types = [Ingress], all ingress denied, egress open', () => {
    const model = modelOf(docs(pods, noRules));
    assert.deepEqual(flow(model, 'prod/good', 'prod/db', 'TCP', 1).decidedBy, { side: 'ingress', tier: 'default', policy: null, ruleIndex: null, reason: 'end-of-tier' });
    assert.equal(flow(model, 'prod/db', 'prod/good', 'TCP', 1).verdict, 'allow');
  });

  test('explicit Egress type without egress rules denies egress, decided at the source', () => {
    const model = modelOf(docs(pods, bothTypes));
    // db -> good: db's egress hits the end of the default tier; good (unselected) would have allowed.
    const r = flow(model, 'prod/db', 'prod/good', 'TCP', 1);
    assert.equal(r.verdict, 'deny');
    assert.deepEqual(r.decidedBy, { side: 'egress', tier: 'default', policy: null, ruleIndex: null, reason: 'end-of-tier' });
    assert.equal(r.trace.ingress, undefined);
  });

  test('rules of a direction left out of an explicit types list are ignored', () => {
    const ignored = bothTypes.replace('types: [Ingress, Egress]', 'types: [Egress]');
    // types [Egress]: the ingress Allow rule is ignored, ingress is not judged by this policy -> profile.
    const r = flow(modelOf(docs(pods, ignored)), 'prod/good', 'prod/db', 'TCP', 1);
    assert.equal(r.decidedBy.reason, 'profile');
  });
});

describe('tiers Calico would reject', () => {
  test('a Tier manifest with errors does not exist, so its policies are excluded', () => {
    const badTier = securityTier('Allow');
    const r = flow(modelOf(docs(pods, badTier, blockBad)), 'prod/bad', 'prod/db', 'TCP', 1);
    // defaultAction must be Deny or Pass: the tier is rejected, block-bad has no tier -> profile allows.
    assert.equal(r.verdict, 'allow');
    assert.match(r.excluded?.[0].reason ?? '', /tier security does not exist/);
  });
});
