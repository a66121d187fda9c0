// YAML anchors and aliases: an alias stands for its anchored node, as it does for kubectl and calicoctl.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lint, rangeOf } from '../../support/validationHelpers';

const policy = (spec: string) => `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: shared-rules\nspec:\n${spec}`;

describe('aliases', () => {
  test('aliases of a selector, a rule and a port list where those belong are not mistakes', () => {
    const text = policy(`  selector: &web app == "web"
  types: [Ingress, Egress]
  ingress:
    - &allow-web
      action: Allow
      protocol: TCP
      source:
        selector: *web
      destination:
        ports: &ports [80, 443]
    - *allow-web
  egress:
    - action: Allow
      protocol: TCP
      destination:
        ports: *ports
`);
    assert.deepEqual(lint(text).filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`), []);
  });

  test('an alias of the wrong shape is reported at the alias, saying what it stands for', () => {
    const text = policy(`  selector: &web app == "web"
  ingress:
    - action: Allow
      protocol: TCP
      destination:
        ports: &ports [80]
        selector: *ports
    - *web
`);
    const errors = lint(text).filter((d) => d.code === 'SCHEMA-TYPE');
    assert.deepEqual(
      errors.map((d) => d.message),
      ['`spec.ingress[0].destination.selector` must be a selector string, not an alias of a list.', '`spec.ingress[1]` must be a mapping of fields, not an alias of the string "app == \\"web\\"".'],
    );
    assert.deepEqual({ start: errors[0]!.start, end: errors[0]!.end }, rangeOf(text, '*ports', 1));
    assert.deepEqual({ start: errors[1]!.start, end: errors[1]!.end }, rangeOf(text, '*web', 1));
  });

  test('a mistake inside an anchored rule is reported once, where the rule is written, not at each alias', () => {
    const text = policy(`  ingress:
    - &rule
      action: allow
    - *rule
    - *rule
`);
    const action = lint(text).filter((d) => d.code === 'RULE-ACTION');
    assert.equal(action.length, 1);
    assert.deepEqual({ start: action[0]!.start, end: action[0]!.end }, rangeOf(text, 'allow', 1));
  });
});
