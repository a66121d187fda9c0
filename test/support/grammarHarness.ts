// Tokenizes YAML with our selector injection grammar through vscode-textmate + vscode-oniguruma, as VS Code does.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(import.meta.dirname, '..', '..');
export const injectionScope = 'calico.selector.injection';
export const injectionPath = join(root, 'syntaxes', 'calico-selector.injection.tmLanguage.json');
/** The YAML grammars shipped with the local VS Code (present once `test/e2e/setup.sh` ran). */
export const vscodeYamlDir = join(root, 'e2e', 'vscode', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'yaml', 'syntaxes');
/** A small YAML host grammar of our own, so the injection is tested without a VS Code install too. */
export const fixtureYamlPath = join(root, 'test', 'fixtures', 'grammar', 'yaml-host.tmLanguage.json');

let onig: Promise<textmate.IOnigLib> | undefined;
function onigLib(): Promise<textmate.IOnigLib> {
  onig ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return { createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) };
  })();
  return onig;
}

export type HostGrammar = 'fixture' | 'vscode';

export function hostGrammarAvailable(host: HostGrammar): boolean {
  return host === 'fixture' || existsSync(join(vscodeYamlDir, 'yaml.tmLanguage.json'));
}

function grammarFiles(host: HostGrammar): Map<string, string> {
  const files = new Map<string, string>([[injectionScope, injectionPath]]);
  if (host === 'fixture') files.set('source.yaml', fixtureYamlPath);
  else {
    files.set('source.yaml', join(vscodeYamlDir, 'yaml.tmLanguage.json'));
    for (const v of ['1.0', '1.1', '1.2', '1.3']) files.set(`source.yaml.${v}`, join(vscodeYamlDir, `yaml-${v}.tmLanguage.json`));
    files.set('source.yaml.embedded', join(vscodeYamlDir, 'yaml-embedded.tmLanguage.json'));
  }
  return files;
}

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

export async function loadYamlGrammar(host: HostGrammar): Promise<textmate.IGrammar> {
  const files = grammarFiles(host);
  const registry = new textmate.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      const path = files.get(scopeName);
      return path ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    // What `contributes.grammars[].injectTo: ["source.yaml"]` makes VS Code do.
    getInjections: (scopeName) => (scopeName === 'source.yaml' ? [injectionScope] : undefined),
  });
  const grammar = await registry.loadGrammar('source.yaml');
  if (!grammar) throw new Error('source.yaml grammar did not load');
  return grammar;
}

export function tokenize(grammar: textmate.IGrammar, text: string): Token[] {
  const out: Token[] = [];
  let state = textmate.INITIAL;
  text.split('\n').forEach((lineText, line) => {
    const r = grammar.tokenizeLine(lineText, state);
    for (const t of r.tokens) out.push({ line, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}
