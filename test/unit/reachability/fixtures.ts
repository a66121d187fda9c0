// Matrix and flow results shaped as the server sends them, for the yaobank tutorial's three workloads.
import type { DecidedBy, EndpointInfo, FlowResult, MatrixCell, MatrixResult } from '../../../protocol';

export const workload = (namespace: string, name: string): EndpointInfo => ({
  id: `${namespace}/${name}`,
  kind: 'workload',
  namespace,
  name,
  labels: { app: name },
});

const byRule = (side: 'egress' | 'ingress', tier: string, policy: string, ruleIndex: number): DecidedBy => ({ side, tier, policy, ruleIndex, reason: 'rule' });
const endOfTier = (side: 'egress' | 'ingress', tier: string): DecidedBy => ({ side, tier, policy: null, ruleIndex: null, reason: 'end-of-tier' });

export const allowed = (policy: string, label = `allowed by ${policy}`): MatrixCell => ({
  state: 'allowed',
  verdict: 'allow',
  stagedVerdict: 'allow',
  label,
  decidedBy: byRule('ingress', 'default', policy, 0),
});
export const denied = (tier = 'default', label = ''): MatrixCell => ({
  state: 'denied',
  verdict: 'deny',
  stagedVerdict: 'deny',
  label,
  decidedBy: endOfTier('ingress', tier),
});

export const customer = workload('yaobank-customer', 'customer');
export const summary = workload('yaobank-summary', 'summary');
export const database = workload('yaobank-database', 'database');
export const google: EndpointInfo = { id: '8.8.8.8/32', kind: 'external', name: '8.8.8.8/32', labels: {} };

/** Rows: customer, summary, database (as the engine listed them, not sorted); columns add 8.8.8.8/32. */
export function tutorialMatrix(): MatrixResult {
  return {
    protocol: 'TCP',
    port: 80,
    rows: [summary, customer, database],
    columns: [summary, customer, database, google],
    cells: [
      // from summary
      [denied(), denied(), denied(), denied()],
      // from customer
      [allowed('yaobank-summary/p-customer2summary'), denied(), denied(), { ...denied(), state: 'changed-by-staged', stagedVerdict: 'allow', label: 'denied at the end of tier default' }],
      // from database
      [denied(), denied(), { ...allowed('default-app-policy'), state: 'uncertain', uncertain: 'the pod has no IP address' }, denied()],
    ],
    warnings: [],
  };
}

export function deniedFlow(): FlowResult {
  return {
    from: 'yaobank-customer/customer',
    to: 'yaobank-database/database',
    protocol: 'TCP',
    port: 2379,
    verdict: 'deny',
    decidedBy: endOfTier('ingress', 'default'),
    stagedVerdict: 'deny',
    trace: {
      egress: { side: 'egress', endpoint: 'yaobank-customer/customer', verdict: 'allow', tiers: [], profile: 'allow' },
      ingress: {
        side: 'ingress',
        endpoint: 'yaobank-database/database',
        verdict: 'deny',
        tiers: [
          {
            tier: 'default',
            order: null,
            defaultAction: 'Deny',
            outcome: 'end-of-tier-deny',
            policies: [
              {
                policy: 'yaobank-database/knp.default.database-policy',
                kind: 'NetworkPolicy',
                order: 1000,
                outcome: 'no-match',
                location: { uri: 'file:///ws/yaobank/database.yaml', line: 40, character: 0 },
                rules: [
                  {
                    ruleIndex: 0,
                    action: 'Allow',
                    matched: false,
                    failed: { criterion: 'source.selector', detail: 'app == "summary" does not match <customer>' },
                    location: { uri: 'file:///ws/yaobank/database.yaml', line: 47, character: 4 },
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  };
}
