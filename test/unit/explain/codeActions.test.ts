// Quick fixes: one code action per attached fix, and applying a fix makes its diagnostic go away.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseFile } from '../../../server/src/document';
import { codeActions } from '../../../server/src/features/codeActions';
import { validateFile } from '../../../server/src/validation';
import type { CalicoDiagnostic } from '../../../server/src/validation/types';

const uri = 'file:///p.yaml';
const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits);
}

describe('code action mechanics', () => {
  const text = 'spec:\n  ingress:\n    - action: allow\n';
  const file = parseFile(text);
  const start = text.indexOf('allow');
  const diagnostic: CalicoDiagnostic = {
    code: 'RULE-ACTION',
    severity: 'error',
    message: 'bad action',
    start,
    end: start + 5,
    fixes: [
      { title: 'Change to `Allow`', edits: [{ start, end: start + 5, newText: 'Allow' }], isPreferred: true },
      { title: 'Something else', edits: [{ start, end: start + 5, newText: 'Deny' }] },
    ],
  };

  test('one quickfix per fix, with its diagnostic linked and isPreferred kept', () => {
    const actions = codeActions(file, uri, { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } }, [diagnostic]);
    assert.equal(actions.length, 2);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [
        ['Change to `Allow`', CodeActionKind.QuickFix, true],
        ['Something else', CodeActionKind.QuickFix, undefined],
      ],
    );
    assert.deepEqual(actions[0]!.diagnostics![0]!.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 19 } });
    assert.equal(actions[0]!.diagnostics![0]!.severity, DiagnosticSeverity.Error);
    assert.equal(actions[0]!.diagnostics![0]!.code, 'RULE-ACTION');
    assert.equal(applyEdits(text, actions[0]!.edit!.changes![uri]!), 'spec:\n  ingress:\n    - action: Allow\n');
  });

  test('diagnostics outside the range and diagnostics without fixes give no action', () => {
    assert.deepEqual(codeActions(file, uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, [diagnostic]), []);
    assert.deepEqual(codeActions(file, uri, whole, [{ ...diagnostic, fixes: undefined }]), []);
  });

  test('edits beyond the end of the text are clamped, never thrown on', () => {
    const wild = { ...diagnostic, fixes: [{ title: 'x', edits: [{ start: 10_000, end: 20_000, newText: '' }] }] };
    assert.equal(codeActions(file, uri, whole, [wild]).length, 1);
  });
});

// Each fixture carries one problem with an unambiguous fix (the list); the fix must clear it.
const fixtures: { name: string; code: string; yaml: string; calicoVersion?: string }[] = [
  {
    name: 'enum casing: action allow → Allow',
    code: 'RULE-ACTION',
    yaml: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  ingress:\n    - action: allow\n',
  },
  {
    name: 'enum casing: protocol tcp → TCP',
    code: 'RULE-PROTO',
    yaml: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  ingress:\n    - action: Allow\n      protocol: tcp\n',
  },
  {
    name: 'did-you-mean field name',
    code: 'SCHEMA-UNKNOWN-FIELD',
    yaml: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  ingress:\n    - action: Allow\n      protocl: TCP\n',
  },
  {
    name: 'missing protocol when numeric ports are given',
    code: 'RULE-PORTS-NOPROTO',
    yaml: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  ingress:\n    - action: Allow\n      destination:\n        ports: [80]\n',
  },
  {
    name: 'single = in a selector',
    code: 'POL-SEL-PARSE',
    yaml: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  selector: app = "x"\n',
  },
  {
    name: 'and/or words in a selector',
    code: 'POL-SEL-PARSE',
    yaml: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  selector: app == "x" and tier == "y"\n',
  },
  {
    name: 'bare selector value',
    code: 'POL-SEL-PARSE',
    yaml: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  selector: app == customer\n',
  },
  {
    name: 'or word in a rule selector',
    code: 'ER-SEL-PARSE',
    yaml: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  ingress:\n    - action: Allow\n      source:\n        selector: app == "x" or app == "y"\n',
  },
  {
    name: 'tier prefix on a policy name',
    code: 'META-NAME-TIER',
    calicoVersion: '3.31',
    yaml: 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: other.p}\nspec:\n  tier: security\n  selector: all()\n',
  },
];

describe('each fix applied makes its diagnostic disappear', () => {
  for (const fixture of fixtures) {
    test(fixture.name, () => {
      const file = parseFile(fixture.yaml);
      const diagnostics = validateFile(file, { calicoVersion: fixture.calicoVersion ?? 'latest' });
      const target = diagnostics.find((d) => d.code === fixture.code && d.fixes?.length);
      assert.ok(target, `expected a fixable ${fixture.code}, got ${JSON.stringify(diagnostics.map((d) => d.code))}`);
      const actions: CodeAction[] = codeActions(file, uri, whole, [target]);
      const chosen = actions.find((a) => a.isPreferred) ?? actions[0]!;
      const fixed = applyEdits(fixture.yaml, chosen.edit!.changes![uri]!);
      const after = validateFile(parseFile(fixed), { calicoVersion: fixture.calicoVersion ?? 'latest' });
      const same = after.filter((d) => d.code === target.code);
      assert.deepEqual(same, [], `after "${chosen.title}":\n${fixed}`);
    });
  }
});
