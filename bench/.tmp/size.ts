import { parseFile } from '../../server/src/document';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { unresolvedLenses } from '../../server/src/features/codeLens';
import { declaredTiers } from '../../server/src/model/tierCatalog';
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
console.log('symbols bytes', JSON.stringify(s).length);
const tiers = declaredTiers(file);
const lenses = file.documents.flatMap((d) => unresolvedLenses(file, d, { uri: 'file:///calico-test/12345-3/traffic-500.yaml', labelsLoaded: true, tiers }));
console.log('lenses', lenses.length, 'bytes', JSON.stringify(lenses).length);
console.log(JSON.stringify(lenses[0]), JSON.stringify(lenses[2]));
