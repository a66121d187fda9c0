import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryLabelSource, unknownLabelDiagnostics, UNKNOWN_LABEL_CODE } from '../../../server/src/labels';
import { parseFile } from '../../../server/src/document';

const index = new InMemoryLabelSource({
  namespaces: [{ name: 'yaobank-customer', labels: { tenant: 'yaobank' } }, { name: 'yaobank-database' }],
  pods: [
    { name: 'customer-1', namespace: 'yaobank-customer', labels: { app: 'customer' } },
    { name: 'database-0', namespace: 'yaobank-database', labels: { app: 'database', role: 'db' } },
  ],
  serviceAccounts: [{ name: 'customer', namespace: 'yaobank-customer', labels: { team: 'web' } }],
});

function policy(spec: string, kind = 'NetworkPolicy', namespace = 'yaobank-customer'): string {
  return `apiVersion: projectcalico.org/v3\nkind: ${kind}\nmetadata:\n  name: p\n${kind === 'NetworkPolicy' ? `  namespace: ${namespace}\n` : ''}spec:\n${spec}`;
}

function warnings(text: string, idx = index) {
  const file = parseFile(text);
  return unknownLabelDiagnostics(file, idx).map((d) => ({ ...d, text: text.slice(d.start, d.end) }));
}

describe('unknown label warnings', () => {
  test('a key no pod in the namespace carries is flagged exactly, with a did-you-mean fix', () => {
    const text = policy('  selector: apps == "customer"\n');
    const [d, ...rest] = warnings(text);
    assert.equal(rest.length, 0);
    assert.equal(d.code, UNKNOWN_LABEL_CODE);
    assert.equal(d.severity, 'warning');
    assert.equal(d.text, 'apps');
    assert.match(d.message, /apps/);
    assert.match(d.message, /Did you mean "app"\?/);
    assert.deepEqual(d.fixes?.[0].edits, [{ start: d.start, end: d.end, newText: 'app' }]);
  });

  test('known keys and Calico\'s implicit keys are never flagged', () => {
    const text = policy(
      '  selector: app == "customer" && projectcalico.org/orchestrator == "k8s" && has(projectcalico.org/namespace)\n' +
        '  ingress:\n    - action: Allow\n      source:\n        namespaceSelector: projectcalico.org/name == "yaobank-database"\n        selector: pcns.tenant == "yaobank"\n',
    );
    assert.deepEqual(warnings(text), []);
  });

  test('the scope follows Calico: a rule selector is confined to the policy namespace', () => {
    // `role` exists only in yaobank-database.
    const confined = policy('  ingress:\n    - action: Allow\n      source:\n        selector: role == "db"\n');
    assert.deepEqual(warnings(confined).map((d) => d.text), ['role']);
    const widened = policy('  ingress:\n    - action: Allow\n      source:\n        namespaceSelector: all()\n        selector: role == "db"\n');
    assert.deepEqual(warnings(widened), []);
  });

  test('namespaceSelector keys are checked against namespaces, service-account selectors against service accounts', () => {
    const text = policy('  serviceAccountSelector: teem == "web"\n  ingress:\n    - action: Allow\n      source:\n        namespaceSelector: tennant == "yaobank"\n');
    const found = warnings(text);
    assert.deepEqual(found.map((d) => d.text).sort(), ['teem', 'tennant']);
    assert.ok(found.some((d) => /Did you mean "tenant"/.test(d.message)));
    assert.ok(found.some((d) => /Did you mean "team"/.test(d.message)));
  });

  test('no warning from an index that has not loaded anything', () => {
    assert.deepEqual(warnings(policy('  selector: anything == "x"\n'), new InMemoryLabelSource({})), []);
  });

  test('no warning where the scope holds nothing known (a namespace we know no pods of)', () => {
    assert.deepEqual(warnings(policy('  selector: anything == "x"\n', 'NetworkPolicy', 'elsewhere')), []);
  });

  test('selectors that do not parse are left to validation', () => {
    assert.deepEqual(warnings(policy('  selector: apps == \n')), []);
  });

  test('a key far from every known key gets no suggestion', () => {
    const [d] = warnings(policy('  selector: completely-different == "x"\n'));
    assert.equal(d.fixes, undefined);
    assert.doesNotMatch(d.message, /Did you mean/);
  });
});
