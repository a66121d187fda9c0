import { parseAllDocuments } from 'yaml';
import { parseFile } from './server/src/document';
import { validateFile } from './server/src/validation';
function policy(i: number, lines: number): string {
  const head = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: policy-${i}
  namespace: team-${i % 17}
  labels:
    app: web-${i}
spec:
  order: ${100 + i}
  selector: app == "web-${i}" && tier in {"front", "back"}
  types:
    - Ingress
    - Egress
  ingress:
`;
  const rule = (r: number) => `    - action: Allow
      protocol: TCP
      source:
        selector: role == "client-${r}"
        namespaceSelector: team == "t${r % 5}"
      destination:
        ports:
          - ${8000 + r}
          - "9000:9100"
`;
  const egress = `  egress:
    - action: Allow
      protocol: UDP
      destination:
        nets:
          - 10.${i % 250}.0.0/16
        ports: [53]
`;
  let body = head;
  let r = 0;
  const ruleLines = 9;
  while (body.split('\n').length + ruleLines + 8 < lines) body += rule(r++);
  return body + egress;
}

function generate(totalLines: number, docs: number): string {
  const per = Math.max(20, Math.floor(totalLines / docs));
  const parts: string[] = [];
  for (let i = 0; i < docs; i++) parts.push(policy(i, per));
  return parts.join('---\n');
}

let text = generate(50_000, 400);
const o = { calicoVersion: 'latest' };
for (let k = 0; k < 3; k++) {
  let t = performance.now(); parseAllDocuments(text); const a = performance.now() - t;
  t = performance.now(); const f = parseFile(text); const b = performance.now() - t;
  t = performance.now(); validateFile(f, o); const c = performance.now() - t;
  console.log('parseAll', a.toFixed(0), 'parseFile', b.toFixed(0), 'validate', c.toFixed(0));
}
let file = parseFile(text); validateFile(file, o);
for (let i = 0; i < 10; i++) {
  const target = `app == "web-${(i * 37) % 400}"`;
  const at = text.indexOf(target) + target.length - 1;
  text = text.slice(0, at) + 'x' + text.slice(at);
  let t = performance.now(); file = parseFile(text, file); const b = performance.now() - t;
  t = performance.now(); validateFile(file, o); const c = performance.now() - t;
  console.log('edit parse', b.toFixed(1), 'validate', c.toFixed(1));
}
import { splitSections } from './server/src/document';
{
  let t = performance.now();
  for (let i = 0; i < 20; i++) splitSections(text);
  console.log('split', ((performance.now() - t) / 20).toFixed(2));
  const secs = splitSections(text);
  t = performance.now();
  for (let i = 0; i < 20; i++) { const m = new Map(); for (const [s, e] of secs) m.set(text.slice(s, e), 1); }
  console.log('slice+map', ((performance.now() - t) / 20).toFixed(2));
  const f = parseFile(text);
  t = performance.now();
  const g = parseFile(text.slice(0, 10) + 'x' + text.slice(10), f);
  console.log('shift-all', (performance.now() - t).toFixed(2));
}
