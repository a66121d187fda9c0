// The trace view's page: verdict, decision, and every policy and rule as a link to its line; typed protocol/port.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { traceBody } from '../../../client/src/traffic/traceHtml';
import { parseProtocolPort } from '../../../client/src/traffic/protocolPort';
import { webviewShell } from '../../../client/src/traffic/webviewShell';
import { deniedFlow } from './fixtures';

describe('trace view', () => {
  test('a denied flow says where it was decided and links the policy and the rule to their lines', () => {
    const html = traceBody(deniedFlow());
    assert.match(html, /class="verdict v-deny">denied<\/span> yaobank-customer\/customer → yaobank-database\/database, TCP 2379/);
    assert.match(html, /Decided by the end of tier <b>default<\/b>/);
    assert.match(html, /<a href="#" class="loc policy" data-uri="file:\/\/\/ws\/yaobank\/database.yaml" data-line="40" data-character="0"[^>]*>yaobank-database\/knp.default.database-policy<\/a>/);
    assert.match(html, /<a href="#" class="loc rule" data-uri="file:\/\/\/ws\/yaobank\/database.yaml" data-line="47" data-character="4"[^>]*>rule 0<\/a>/);
    assert.match(html, /<code>source.selector<\/code>: app == &quot;summary&quot; does not match &lt;customer&gt;/);
  });

  test('the source side that no policy selects is allowed by the profile', () => {
    const html = traceBody(deniedFlow());
    assert.match(html, /Egress at yaobank-customer\/customer <span class="verdict v-allow">allowed<\/span>/);
    assert.match(html, /the profile <b>allow<\/b>s the flow/);
  });

  test('a rule decision links its policy and rule; a staged difference and uncertainty are spelled out', () => {
    const flow = deniedFlow();
    const ingress = flow.trace.ingress!;
    ingress.tiers[0].policies[0].rules[0].matched = true;
    const decided = { side: 'ingress' as const, tier: 'default', policy: 'yaobank-database/knp.default.database-policy', ruleIndex: 0, reason: 'rule' as const };
    const html = traceBody({ ...flow, verdict: 'allow', decidedBy: decided, stagedVerdict: 'deny', uncertain: 'the database pod has no IP address' });
    assert.match(html, /Decided by <a[^>]*data-line="40"[^>]*>yaobank-database\/knp.default.database-policy<\/a>, <a[^>]*data-line="47"[^>]*>ingress rule 0<\/a>/);
    assert.match(html, /With staged policies applied it would be <span class="verdict v-deny">denied<\/span>/);
    assert.match(html, /Uncertain:<\/b> the database pod has no IP address/);
  });

  test('when the source egress denies, the ingress side is "not reached"', () => {
    const flow = deniedFlow();
    flow.trace.egress = { ...flow.trace.egress!, verdict: 'deny' };
    delete flow.trace.ingress;
    assert.match(traceBody(flow), /Not reached: the packet is dropped at the source/);
  });

  test('the page allows only its own styles and the nonce\'d script', () => {
    const page = webviewShell({ title: 't', cspSource: 'vscode-resource:', nonce: 'abc123', styleUris: ['vscode-resource:/a.css'], scriptUri: 'vscode-resource:/a.js', body: '' });
    assert.match(page, /default-src 'none'; img-src vscode-resource: data:; style-src vscode-resource:; font-src vscode-resource:; script-src 'nonce-abc123'/);
    assert.match(page, /<script nonce="abc123" src="vscode-resource:\/a.js"><\/script>/);
    assert.ok(!/https?:/.test(page));
  });
});

describe('typed protocol and port', () => {
  test('protocol names in any case, a port number, a named port, or no port', () => {
    assert.deepEqual(parseProtocolPort('tcp 80'), { protocol: 'TCP', port: 80 });
    assert.deepEqual(parseProtocolPort('UDP/53'), { protocol: 'UDP', port: 53 });
    assert.deepEqual(parseProtocolPort('icmpv6'), { protocol: 'ICMPv6' });
    assert.deepEqual(parseProtocolPort('TCP http-alt'), { protocol: 'TCP', port: 'http-alt' });
    assert.deepEqual(parseProtocolPort('132 9'), { protocol: '132', port: 9 });
  });

  test('out-of-range ports, unknown protocols and bad names are refused with a reason', () => {
    assert.match((parseProtocolPort('TCP 70000') as { error: string }).error, /out of range/);
    assert.match((parseProtocolPort('HTTP 80') as { error: string }).error, /not a protocol/);
    assert.match((parseProtocolPort('TCP Web_Port') as { error: string }).error, /neither a port number nor a container port name/);
    assert.match((parseProtocolPort('') as { error: string }).error, /Type a protocol/);
  });
});
