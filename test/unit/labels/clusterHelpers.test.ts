import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Redactor } from '../../../server/src/labels/cluster/redactor';
import { summarizeNames } from '../../../server/src/labels/cluster/clusterSnapshot';
import { httpFault, networkFault } from '../../../server/src/labels/cluster/kubeErrors';

describe('redactor', () => {
  test('removes every credential it was told about, including the bare token of a header', () => {
    const r = new Redactor();
    r.add('Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig');
    r.add('hunter2-password');
    const out = r.redact('sent eyJhbGciOiJSUzI1NiJ9.payload.sig and hunter2-password');
    assert.ok(!out.includes('eyJhbGciOiJSUzI1NiJ9'));
    assert.ok(!out.includes('hunter2-password'));
  });

  test('bearer headers and PEM blocks never pass, even when unknown', () => {
    const r = new Redactor();
    assert.equal(r.redact('Authorization: Bearer abcdefghijklmnop'), 'Authorization: Bearer «redacted»');
    assert.equal(r.redact('key -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- end'), 'key «redacted PEM» end');
  });

  test('short strings are not treated as secrets (they would redact ordinary words)', () => {
    const r = new Redactor();
    r.add('pod');
    assert.equal(r.redact('3 pods'), '3 pods');
  });
});

describe('fault messages', () => {
  const http: [number, RegExp][] = [
    [401, /^unauthorized \(401\) to list pods/],
    [403, /^forbidden to list pods$/],
    [404, /does not serve/],
    [500, /HTTP 500/],
    [503, /HTTP 503/],
  ];
  for (const [status, message] of http) test(`HTTP ${status}`, () => assert.match(httpFault(status, 'list pods').message, message));

  const network: [string, string, RegExp][] = [
    ['ECONNREFUSED', 'unreachable', /connection refused/],
    ['ENOTFOUND', 'unreachable', /host not found/],
    ['ETIMEDOUT', 'timeout', /timed out/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', /TLS error/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', /TLS error/],
    ['CERT_HAS_EXPIRED', 'tls', /TLS error/],
  ];
  for (const [code, kind, message] of network) {
    test(`network error ${code}`, () => {
      const e = networkFault(Object.assign(new Error('raw text with Bearer secretsecret'), { code }), 'https://k8s:6443');
      assert.equal(e.kind, kind);
      assert.match(e.message, message);
      assert.ok(!e.message.includes('secretsecret'), 'the raw error text is never used');
    });
  }
});

describe('forbidden namespace summaries', () => {
  const cases: [string[], string][] = [
    [['b', 'a'], 'a, b'],
    [['yaobank-customer', 'yaobank-summary', 'yaobank-database', 'yaobank-x'], 'yaobank-* (4 namespaces)'],
    [['a1', 'b2', 'c3', 'd4'], '4 namespaces'],
  ];
  for (const [names, expected] of cases) test(expected, () => assert.equal(summarizeNames(names), expected));
});
