import { parseFile } from '../../server/src/document';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { selectorSemanticTokens } from '../../server/src/features/semanticTokens';
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
const text = Array.from({ length: 500 }, (_, i) => trafficPolicy(i)).join('');
const file = parseFile(text);
const s = documentSymbols(file);
const j = JSON.stringify(s);
console.log('symbols json bytes', j.length, 'count', s.length);
console.log(JSON.stringify(s[0], null, 1).slice(0, 1500));
console.log('tokens ints', selectorSemanticTokens(file).data.length);
for (let k = 0; k < 5; k++) { const t = performance.now(); JSON.stringify(s); console.log('stringify', (performance.now() - t).toFixed(1)); }
