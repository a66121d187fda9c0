// The selector injection grammar, tokenized as VS Code does: scopes of selector parts inside YAML values.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostGrammarAvailable, loadYamlGrammar, tokenize, type HostGrammar, type Token } from '../support/grammarHarness';
import { skipUnless } from '../support/requiredTool';

const LABEL = 'variable.other.label.calico';
const CMP = 'keyword.operator.comparison.calico';
const LOGIC = 'keyword.operator.logical.calico';
const NOT = 'keyword.operator.logical.not.calico';
const SET = 'keyword.operator.set.calico';
const STROP = 'keyword.operator.string.calico';
const FN = 'support.function.calico';
const DQ = 'string.quoted.double.calico';
const SQ = 'string.quoted.single.calico';
const BRACE_OPEN = 'punctuation.definition.set.begin.calico';
const BRACE_CLOSE = 'punctuation.definition.set.end.calico';
const COMMA = 'punctuation.separator.set.calico';
const PAREN_OPEN = 'punctuation.section.parens.begin.calico';
const PAREN_CLOSE = 'punctuation.section.parens.end.calico';

/** The innermost scope of each token on the given line that lies inside a selector, in order. */
function selectorTokens(tokens: Token[], line: number): [string, string][] {
  return tokens
    .filter((t) => t.line === line && t.scopes.includes('meta.selector.calico') && t.text.trim() !== '')
    .map((t) => [t.text, t.scopes[t.scopes.length - 1]!]);
}

function scopeOf(tokens: Token[], line: number, text: string): string[] {
  const t = tokens.find((x) => x.line === line && x.text === text);
  assert.ok(t, `no token ${JSON.stringify(text)} on line ${line}`);
  return t.scopes;
}

interface Case {
  name: string;
  yaml: string;
  /** Line (0-based) holding the selector. */
  line: number;
  expected: [string, string][];
}

const cases: Case[] = [
  {
    name: 'plain value: equality, logical and, negated has()',
    yaml: 'spec:\n  selector: app == "customer" && !has(role)\n',
    line: 1,
    expected: [
      ['app', LABEL], ['==', CMP], ['"', `punctuation.definition.string.begin.calico`], ['customer', DQ],
      ['"', 'punctuation.definition.string.end.calico'], ['&&', LOGIC], ['!', NOT], ['has', FN], ['(', PAREN_OPEN],
      ['role', LABEL], [')', PAREN_CLOSE],
    ],
  },
  {
    name: 'single-quoted value: not in with a set of double-quoted strings',
    yaml: "spec:\n  namespaceSelector: 'projectcalico.org/name not in {\"kube-system\", \"calico-system\"}'\n",
    line: 1,
    expected: [
      ['projectcalico.org/name', LABEL], ['not in', SET], ['{', BRACE_OPEN],
      ['"', 'punctuation.definition.string.begin.calico'], ['kube-system', DQ], ['"', 'punctuation.definition.string.end.calico'],
      [',', COMMA],
      ['"', 'punctuation.definition.string.begin.calico'], ['calico-system', DQ], ['"', 'punctuation.definition.string.end.calico'],
      ['}', BRACE_CLOSE],
    ],
  },
  {
    name: 'double-quoted value in a rule list item: starts with, or, all()',
    yaml: "egress:\n  - destination:\n      selector: \"k8s-app starts with 'kube' || all()\"\n",
    line: 2,
    expected: [
      ['k8s-app', LABEL], ['starts with', STROP], ["'", 'punctuation.definition.string.begin.calico'], ['kube', SQ],
      ["'", 'punctuation.definition.string.end.calico'], ['||', LOGIC], ['all', FN], ['(', PAREN_OPEN], [')', PAREN_CLOSE],
    ],
  },
  {
    name: 'serviceAccountSelector: in, ends with, contains, !=, parentheses',
    yaml: 'spec:\n  serviceAccountSelector: (role in {"a"} || name ends with "-sa") && team contains "x" && env != "dev"\n',
    line: 1,
    expected: [
      ['(', PAREN_OPEN], ['role', LABEL], ['in', SET], ['{', BRACE_OPEN],
      ['"', 'punctuation.definition.string.begin.calico'], ['a', DQ], ['"', 'punctuation.definition.string.end.calico'],
      ['}', BRACE_CLOSE], ['||', LOGIC], ['name', LABEL], ['ends with', STROP],
      ['"', 'punctuation.definition.string.begin.calico'], ['-sa', DQ], ['"', 'punctuation.definition.string.end.calico'],
      [')', PAREN_CLOSE], ['&&', LOGIC], ['team', LABEL], ['contains', STROP],
      ['"', 'punctuation.definition.string.begin.calico'], ['x', DQ], ['"', 'punctuation.definition.string.end.calico'],
      ['&&', LOGIC], ['env', LABEL], ['!=', CMP],
      ['"', 'punctuation.definition.string.begin.calico'], ['dev', DQ], ['"', 'punctuation.definition.string.end.calico'],
    ],
  },
  {
    name: 'rule namespaceSelector: global()',
    yaml: 'ingress:\n  - source:\n      namespaceSelector: global()\n',
    line: 2,
    expected: [['global', FN], ['(', PAREN_OPEN], [')', PAREN_CLOSE]],
  },
  {
    name: 'label keys that start with operator words stay label keys',
    yaml: 'spec:\n  selector: contains-x == "1" && in.example/all == "2"\n',
    line: 1,
    expected: [
      ['contains-x', LABEL], ['==', CMP], ['"', 'punctuation.definition.string.begin.calico'], ['1', DQ],
      ['"', 'punctuation.definition.string.end.calico'], ['&&', LOGIC], ['in.example/all', LABEL], ['==', CMP],
      ['"', 'punctuation.definition.string.begin.calico'], ['2', DQ], ['"', 'punctuation.definition.string.end.calico'],
    ],
  },
];

const hosts: HostGrammar[] = ['fixture', 'vscode'];

for (const host of hosts) {
  const skip = host === 'fixture' ? false : skipUnless(hostGrammarAvailable(host), "VS Code's YAML grammar", 'installed with the local VS Code: npm run test:e2e -- --setup-only');
  describe(`selector injection grammar over the ${host} YAML grammar`, { skip }, () => {
    for (const c of cases) {
      test(c.name, async () => {
        const tokens = tokenize(await loadYamlGrammar(host), c.yaml);
        assert.deepEqual(selectorTokens(tokens, c.line), c.expected);
      });
    }

    test('the key keeps its YAML scope and the quotes of a quoted value stay YAML string punctuation', async () => {
      const tokens = tokenize(await loadYamlGrammar(host), "spec:\n  selector: 'app == \"x\"'\n");
      assert.ok(scopeOf(tokens, 1, 'selector').includes('entity.name.tag.yaml'));
      assert.ok(!scopeOf(tokens, 1, 'selector').includes('meta.selector.calico'));
      const quotes = tokens.filter((t) => t.line === 1 && t.text === "'");
      assert.equal(quotes.length, 2);
      for (const q of quotes) assert.ok(q.scopes.some((s) => s.startsWith('string.quoted.single.yaml')), q.scopes.join(' '));
    });

    test('a trailing comment after a plain selector is a comment, not part of the selector', async () => {
      const tokens = tokenize(await loadYamlGrammar(host), 'spec:\n  selector: app == "x" # who\n');
      const comment = tokens.filter((t) => t.line === 1 && t.scopes.some((s) => s.startsWith('comment.')));
      assert.ok(comment.length > 0, 'comment token present');
      for (const t of comment) assert.ok(!t.scopes.includes('meta.selector.calico'));
    });

    const untouched: [string, string, number][] = [
      ['other keys', 'metadata:\n  name: app == "x"\n', 1],
      ['the word selector as a value', 'metadata:\n  name: selector\n', 1],
      ['a selector key inside a comment', '# selector: app == "x"\n', 0],
      ['a Kubernetes label selector object (value on the next lines)', 'spec:\n  selector:\n    matchLabels:\n      app: web\n', 1],
      ['a block scalar selector', 'spec:\n  selector: |\n    app == "x"\n', 1],
      ['a key that merely ends in selector', 'spec:\n  podselector: app == "x"\n', 1],
    ];
    for (const [name, yaml, line] of untouched) {
      test(`no selector scopes in ${name}`, async () => {
        const tokens = tokenize(await loadYamlGrammar(host), yaml);
        assert.deepEqual(tokens.filter((t) => t.scopes.includes('meta.selector.calico')).map((t) => t.text), [], `line ${line}`);
      });
    }

    test('highlighting resumes for the YAML after a selector line', async () => {
      const tokens = tokenize(await loadYamlGrammar(host), 'spec:\n  selector: app == "x"\n  types:\n    - Ingress\n');
      assert.ok(scopeOf(tokens, 2, 'types').includes('entity.name.tag.yaml'));
      assert.ok(!scopeOf(tokens, 2, 'types').includes('meta.selector.calico'));
    });
  });
}
