// File watchers are registered once, and only with clients that allow dynamic registration for them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullCapabilities, LspTestClient, testUri } from '../support/lspClient';

const WATCHED_FILES = 'workspace/didChangeWatchedFiles';

async function registrationsWith(dynamicRegistration: boolean | undefined): Promise<{ method: string; registerOptions?: unknown }[]> {
  const workspace = { ...fullCapabilities.workspace, didChangeWatchedFiles: dynamicRegistration === undefined ? undefined : { dynamicRegistration } };
  const client = await LspTestClient.start({ settings: {}, capabilities: { ...fullCapabilities, workspace }, env: { KUBECONFIG: '/nonexistent' } });
  try {
    // The configuration registration comes from the same `initialized` step, so once it is there, so are the watchers.
    await client.waitFor(() => (client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration') ? true : undefined), 'registrations');
    // A round trip after `initialized`, so a late second registration would have arrived too.
    const uri = testUri();
    await client.open(uri, 'apiVersion: v1\nkind: ConfigMap\n');
    await client.hover(uri, { line: 0, character: 0 });
    return client.registrations;
  } finally {
    await client.shutdown();
  }
}

test('a client with dynamic registration gets one file-watcher registration covering YAML files', async () => {
  const watchers = (await registrationsWith(true)).filter((r) => r.method === WATCHED_FILES);
  assert.equal(watchers.length, 1);
  const globs = (watchers[0]!.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
  assert.ok(globs.includes('**/*.{yaml,yml}'), `watched: ${globs.join(', ')}`);
});

test('a client without dynamic registration for watched files is not asked to register any', async () => {
  assert.deepEqual((await registrationsWith(false)).filter((r) => r.method === WATCHED_FILES), []);
  assert.deepEqual((await registrationsWith(undefined)).filter((r) => r.method === WATCHED_FILES), []);
});
