// Diagnostics on the examples: the deliberate mistakes at their exact ranges, and silence on the good files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { calicoApi, calicoDiagnostics, codeOf, describeDiagnostics, openExample, rangeOf, show, waitFor } from './helpers';

suite('diagnostics', () => {
  suiteSetup(async () => {
    await calicoApi();
  });

  test('mistakes.yaml: each mistake reported with source "calico", its code and its exact range', async () => {
    const doc = await openExample('policies/mistakes.yaml');
    const wanted = ['RULE-ACTION', 'POL-SEL-PARSE', 'RULE-PORTS-NOPROTO'];
    const diags = await waitFor(
      `${wanted.join(', ')} on mistakes.yaml`,
      () => {
        const d = calicoDiagnostics(doc.uri);
        return wanted.every((code) => d.some((x) => codeOf(x) === code)) && d;
      },
      20000,
      () => describeDiagnostics(doc.uri),
    );
    const byCode = (code: string) => {
      const found = diags.filter((d) => codeOf(d) === code);
      assert.equal(found.length, 1, `one ${code} in ${diags.map((d) => `${codeOf(d)}@${show(d.range)}`).join(', ')}`);
      return found[0]!;
    };

    const action = byCode('RULE-ACTION');
    assert.equal(show(action.range), show(rangeOf(doc, 'allow', 'action:')));
    assert.equal(action.severity, vscode.DiagnosticSeverity.Error);
    assert.match(action.message, /Allow/);

    // The selector error points at the lone "=" (a selector compares with "==").
    const selector = byCode('POL-SEL-PARSE');
    assert.deepEqual(selector.range.start, rangeOf(doc, '=', 'selector: app').start);
    assert.equal(selector.severity, vscode.DiagnosticSeverity.Error);

    const port = byCode('RULE-PORTS-NOPROTO');
    assert.equal(show(port.range), show(rangeOf(doc, '2379')));
    assert.match(port.message, /protocol/i);
  });

  for (const file of [
    'policies/default-app-policy.yaml',
    'policies/p-external2customer.yaml',
    'policies/p-customer2summary.yaml',
  ]) {
    test(`${file}: the tutorial policy has no errors or warnings`, async () => {
      const doc = await openExample(file);
      // A clean file gets an empty publish: wait until the server has seen it, then check.
      await new Promise((r) => setTimeout(r, 1500));
      const problems = calicoDiagnostics(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
      assert.deepEqual(problems.map((d) => `${codeOf(d)} ${show(d.range)} ${d.message}`), []);
    });
  }

  test('plain Kubernetes manifests get no diagnostics from us', async () => {
    const doc = await openExample('yaobank/customer.yaml');
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(calicoDiagnostics(doc.uri), []);
  });

  test('every diagnostic on our files carries source "calico" and a rule code, each reported once', async () => {
    const doc = await openExample('policies/mistakes.yaml');
    await waitFor('diagnostics on mistakes.yaml', () => calicoDiagnostics(doc.uri).length > 0, 20000, () => describeDiagnostics(doc.uri));
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'calico');
    assert.ok(ours.length > 0);
    for (const d of ours) assert.match(codeOf(d), /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, codeOf(d));
    // Another YAML extension may publish its own diagnostics; ours must not be doubled (one collection, one client).
    const keys = ours.map((d) => `${codeOf(d)}@${show(d.range)}`);
    assert.deepEqual(keys, [...new Set(keys)]);
  });
});
