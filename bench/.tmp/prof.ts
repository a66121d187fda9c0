import { performance } from 'node:perf_hooks';
import { parseFile } from '../../server/src/document';
import { selectorSemanticTokens } from '../../server/src/features/semanticTokens';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { codeLenses } from '../../server/src/features/codeLens';
import { validateFile } from '../../server/src/validation';
import { splitSections } from '../../server/src/document/parse';
import { TextDocument } from 'vscode-languageserver-textdocument';
function trafficPolicy(i: number): string {
  const action = i % 10 === 0 ? 'allow' : 'Allow';
  const ingress = [0, 1, 2, 3, 4].map(
    (r) => `    - action: ${r === 0 ? action : 'Allow'}
      protocol: TCP
      source:
        selector: app == "client-${r}" && tier in {"web", "api"}
        namespaceSelector: ns == "team-${(i + r) % 7}"
      destination:
        ports:
          - ${8000 + r}
          - "9${r}00:9${r}99"
      metadata:
        annotations:
          reason: ingress rule ${r}
`,
  );
  const egress = [0, 1, 2, 3].map(
    (r) => `    - action: ${r === 3 ? 'Deny' : 'Allow'}
      protocol: ${r === 0 ? 'UDP' : 'TCP'}
      destination:
        selector: k8s-app == "backend-${r}" || has(role)
        namespaceSelector: projectcalico.org/name == "svc-${r}"
        ports:
          - ${r === 0 ? 53 : 443 + r}
      metadata:
        annotations:
          reason: egress rule ${r}
`,
  );
  return `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: policy-${i}
  namespace: yaobank-customer
  labels:
    team: team-${i % 7}
    owner: platform
  annotations:
    description: generated policy ${i} for the editor-traffic bench
spec:
  tier: default
  order: ${100 + i}
  selector: app == "customer" && version != "v${i % 3}"
  types:
    - Ingress
    - Egress
  ingress:
${ingress.join('')}  egress:
${egress.join('')}`;
}
const n = Number(process.argv[2] ?? 2000);
let text = Array.from({ length: n }, (_, i) => trafficPolicy(i)).join('');
const t = (label: string, f: () => unknown) => { const s = performance.now(); const r = f(); console.log(label.padEnd(20), (performance.now() - s).toFixed(1)); return r; };
let file = t('parse', () => parseFile(text)) as any;
t('validate', () => validateFile(file, { calicoVersion: 'latest' }));
t('tokens', () => selectorSemanticTokens(file));
t('symbols', () => documentSymbols(file));
t('lenses', () => codeLenses(file, { uri: 'x' }));
const doc = TextDocument.create('u', 'yaml', 1, text);
for (let k = 0; k < 3; k++) {
  const at = text.indexOf('selector: app == "client-2"', text.length / 2) + 20;
  const pos = doc.positionAt(at);
  t('textdoc update', () => TextDocument.update(doc, [{ range: { start: pos, end: pos }, text: 'x' }], k + 2));
  text = t('getText', () => doc.getText()) as string;
  t('split', () => splitSections(text));
  file = t('reparse', () => parseFile(text, file));
  t('lines', () => file.lines.positionAt(text.length));
  t('validate', () => validateFile(file, { calicoVersion: 'latest' }));
  t('tokens', () => selectorSemanticTokens(file));
  t('symbols', () => documentSymbols(file));
  t('symbols json', () => JSON.stringify(documentSymbols(file)).length);
  t('lenses', () => codeLenses(file, { uri: 'x' }));
  t('tokens2', () => selectorSemanticTokens(file));
}
