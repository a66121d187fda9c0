// The same selector, port or CIDR written in many places is reported at each place, in every document and file.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lint, rangeOf } from '../../support/validationHelpers';

const policy = (name: string, spec: string) =>
  `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n${spec}`;

/** Every occurrence of `snippet` in `text`, as file ranges. */
function occurrences(text: string, snippet: string): { start: number; end: number }[] {
  const out = [];
  for (let n = 1; text.indexOf(snippet, out.length ? out[out.length - 1].start + 1 : 0) >= 0; n++) out.push(rangeOf(text, snippet, n));
  return out;
}

function rangesOf(text: string, code: string): { start: number; end: number }[] {
  return lint(text).filter((d) => d.code === code).map((d) => ({ start: d.start, end: d.end }));
}

describe('repeated values', () => {
  const cases = [
    { code: 'SEL-NEVER-MATCH', snippet: 'app == "web" && app == "api"', spec: '  selector: app == "web" && app == "api"\n' },
    { code: 'POL-SEL-PARSE', snippet: '=', spec: '  selector: app = "web"\n' },
    { code: 'SEL-MISSING-LABEL', snippet: 'app != "db"', spec: '  selector: app != "db"\n' },
    { code: 'RULE-NET-MASK', snippet: '10.1.2.3/8', spec: '  ingress:\n    - action: Allow\n      source:\n        nets: [10.1.2.3/8]\n' },
    { code: 'PORT-ZERO', snippet: '0', spec: '  ingress:\n    - action: Allow\n      protocol: TCP\n      destination:\n        ports: [0]\n' },
    { code: 'RULE-PROTO', snippet: 'tcp', spec: '  ingress:\n    - action: Allow\n      protocol: tcp\n' },
  ];
  for (const c of cases) {
    test(`${c.code} in three documents is reported in each, at its own place`, () => {
      const text = [policy('a', c.spec), policy('b', c.spec), policy('c', c.spec)].join('---\n');
      // The snippet's occurrences inside the repeated spec: one per document.
      const perDoc = occurrences(policy('a', c.spec), c.snippet).filter((r) => r.start >= policy('a', '').length);
      assert.equal(perDoc.length, 1);
      const offset = perDoc[0].start - policy('a', '').length;
      const expected = [0, 1, 2].map((i) => {
        const docStart = i * (policy('a', c.spec).length + '---\n'.length);
        const start = docStart + policy('a', '').length + offset;
        return { start, end: start + c.snippet.length };
      });
      assert.deepEqual(rangesOf(text, c.code), expected);
    });
  }

  test('a second file with the same selector gets the same findings', () => {
    const text = policy('a', '  selector: app == "web" && app == "api"\n');
    assert.deepEqual(lint(text), lint(text));
    assert.deepEqual(lint(`# a comment first\n${text}`).map((d) => d.start), lint(text).map((d) => d.start + '# a comment first\n'.length));
  });

  test('the same negative-only text warns in `selector` but not in `notSelector`', () => {
    const rule = (field: string) => `  ingress:\n    - action: Allow\n      source:\n        ${field}: app != "db"\n`;
    const text = policy('a', rule('selector')) + '---\n' + policy('b', rule('notSelector')) + '---\n' + policy('c', rule('selector'));
    const warned = lint(text).filter((d) => d.code === 'SEL-MISSING-LABEL').map((d) => text.slice(0, d.start).split('---\n').length);
    assert.deepEqual(warned, [1, 3]);
  });

  test('switching the Calico version between runs changes the version-dependent findings each time', () => {
    const text = policy('a', '  ingress:\n    - action: Allow\n      source:\n        notNets: ["0.0.0.0/0"]\n');
    const has = (version: string) => lint(text, { calicoVersion: version }).some((d) => d.code === 'RULE-NOTNET-ALL');
    assert.deepEqual(['latest', '3.26', 'latest', '3.26'].map(has), [true, false, true, false]);
  });
});
