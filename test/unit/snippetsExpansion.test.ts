// The snippet expander used by the snippet lint test follows VS Code's snippet syntax for defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandSnippet, SnippetSyntaxError } from '../support/snippetExpansion';

const cases: [string, string, string][] = [
  ['plain text', 'kind: Tier', 'kind: Tier'],
  ['tab stops vanish', 'a$1b$0', 'ab'],
  ['braced tab stop', 'a${2}b', 'ab'],
  ['placeholder default', 'name: ${1:web}', 'name: web'],
  ['nested placeholders', '${1:app == "${2:x}"}', 'app == "x"'],
  ['choice takes the first option', 'action: ${1|Allow,Deny|}', 'action: Allow'],
  ['escaped dollar and brace', 'cost: \\$5 \\}', 'cost: $5 }'],
  ['lines joined with newlines', 'a\nb', 'a\nb'],
];
for (const [name, body, expected] of cases) {
  test(`expands ${name}`, () => assert.equal(expandSnippet(body), expected));
}

test('joins an array body with newlines', () => assert.equal(expandSnippet(['a: ${1:x}', 'b: 2']), 'a: x\nb: 2'));

test('a stray closing brace is plain text, as in VS Code', () => assert.equal(expandSnippet('a }'), 'a }'));

// Variables (${x}) are valid VS Code syntax but our snippets never use them, so the expander refuses them too.
for (const bad of ['${1:open', '${x}', '$TM_FILENAME', '${1|a,b}']) {
  test(`rejects malformed ${JSON.stringify(bad)}`, () => assert.throws(() => expandSnippet(bad), SnippetSyntaxError));
}
