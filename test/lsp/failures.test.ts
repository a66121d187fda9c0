// An internal failure is logged with its stack and reported to the user with where the log is; it is never
// passed off as an empty answer such as "no policy at the cursor". CALICO_TEST_FAIL_REQUEST makes one handler throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageType, ResponseError } from 'vscode-languageserver-protocol/node';
import { LspTestClient, testUri } from '../support/lspClient';

const policy = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: db
  namespace: shop
spec:
  selector: app == "db"
  ingress:
    - action: Allow
`;

async function withFailing<T>(request: string, body: (client: LspTestClient, uri: string) => Promise<T>): Promise<T> {
  const client = await LspTestClient.start({ settings: {}, env: { CALICO_TEST_FAIL_REQUEST: request, KUBECONFIG: '/nonexistent' } });
  try {
    const uri = testUri();
    await client.open(uri, policy);
    await client.diagnostics(uri);
    return await body(client, uri);
  } finally {
    await client.shutdown();
  }
}

const logLines = (client: LspTestClient) => client.received<{ type: number; message: string }>('window/logMessage').map((m) => m.message);

test('a crash in Explain Policy answers with an error naming the log, not an empty "no policy" result', async () => {
  await withFailing('explain policy', async (client, uri) => {
    await assert.rejects(client.request('calico/explainPolicy', { uri, position: { line: 0, character: 0 } }), (e: unknown) => {
      assert.ok(e instanceof ResponseError);
      assert.match(e.message, /^Explain policy failed: .*see Calico: Show Output/);
      return true;
    });
    await client.waitFor(() => (logLines(client).some((m) => m.startsWith('explain policy failed: Error: injected failure')) ? true : undefined), 'the failure with its stack in the log');
  });
});

test('a crash in code lenses shows one error message that says where the log is', async () => {
  await withFailing('code lens', async (client, uri) => {
    assert.deepEqual(await client.codeLenses(uri), []);
    assert.deepEqual(await client.codeLenses(uri), []);
    await client.waitFor(() => (client.shownMessages.length > 0 ? true : undefined), 'a message to the user');
    // Another request round trip, so a second message would have arrived.
    await client.hover(uri, { line: 0, character: 0 });
    assert.equal(client.shownMessages.length, 1, 'one message, not one per failing request');
    const [shown] = client.shownMessages;
    assert.equal(shown!.type, MessageType.Error);
    assert.match(shown!.message, /code lens failed .*see Calico: Show Output/);
    assert.ok(logLines(client).some((m) => m.startsWith('code lens failed: Error: injected failure')));
  });
});

test('a crash in document symbols is reported the same way', async () => {
  await withFailing('document symbols', async (client, uri) => {
    assert.deepEqual(await client.documentSymbols(uri), []);
    await client.waitFor(() => (client.shownMessages.some((m) => /document symbols failed .*Calico: Show Output/.test(m.message)) ? true : undefined), 'a message');
  });
});

test('without a failure nothing is shown to the user', async () => {
  await withFailing('none', async (client, uri) => {
    await client.codeLenses(uri);
    await client.documentSymbols(uri);
    await client.request('calico/explainPolicy', { uri });
    assert.deepEqual(client.shownMessages, []);
  });
});
