import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceSource, MAX_FILE_BYTES } from '../../../server/src/labels/workspace/workspaceSource';
import { defaultSettings, type CalicoSettings } from '../../../server/src/settings';

const deployment = (name: string, app: string, ns = 'shop') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${app}\n`;

/** Waits until the source has reacted to a debounced or asynchronous change. */
describe('workspace label source', () => {
  let dir: string;
  let settings: CalicoSettings;
  let source: WorkspaceSource;
  let logs: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'calico-ws-'));
    settings = structuredClone(defaultSettings);
    logs = [];
    source = new WorkspaceSource({ getSettings: () => settings, onChange: () => {}, log: (m) => logs.push(m), debounceMs: 0 });
  });
  afterEach(() => {
    source.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const apps = () => source.index.values({ kind: 'endpoints' }, 'app').map((v) => v.value).sort();

  test('scans YAML below the folders and skips node_modules, .git and oversized files', async () => {
    mkdirSync(join(dir, 'k8s/nested'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, 'k8s/web.yaml'), deployment('web', 'web'));
    writeFileSync(join(dir, 'k8s/nested/db.yml'), deployment('db', 'db'));
    writeFileSync(join(dir, 'node_modules/pkg/x.yaml'), deployment('x', 'from-node-modules'));
    writeFileSync(join(dir, '.git/y.yaml'), deployment('y', 'from-git'));
    writeFileSync(join(dir, 'big.yaml'), deployment('big', 'big') + '#'.repeat(MAX_FILE_BYTES));
    writeFileSync(join(dir, 'notes.txt'), deployment('t', 'from-txt'));
    source.setFolders([dir]);
    await source.whenScanned();
    assert.deepEqual(apps(), ['db', 'web']);
    assert.equal(source.fileCount(), 2);
    assert.ok(logs.some((l) => /skipped 1 files larger than/.test(l)));
  });

  test('the include and exclude settings decide which files count', async () => {
    mkdirSync(join(dir, 'deploy'));
    mkdirSync(join(dir, 'vendor'));
    writeFileSync(join(dir, 'deploy/a.yaml'), deployment('a', 'a'));
    writeFileSync(join(dir, 'vendor/b.yaml'), deployment('b', 'b'));
    settings.workspaceLabels.exclude = ['**/vendor/**'];
    source.setFolders([dir]);
    await source.whenScanned();
    assert.deepEqual(apps(), ['a']);
    settings.workspaceLabels = { include: ['vendor/*.yaml'], exclude: [] };
    source.settingsChanged();
    await source.whenScanned();
    assert.deepEqual(apps(), ['b']);
  });

  test('unsaved editor text wins over disk until the editor closes', async () => {
    const file = join(dir, 'app.yaml');
    writeFileSync(file, deployment('app', 'on-disk'));
    source.setFolders([dir]);
    await source.whenScanned();
    const uri = pathToFileURL(file).href;
    source.updateOpenDocument(uri, deployment('app', 'unsaved'));
    await source.whenIdle();
    assert.deepEqual(apps(), ['unsaved']);
    source.closeOpenDocument(uri);
    await source.whenIdle();
    assert.deepEqual(apps(), ['on-disk']);
  });

  test('an untitled document counts while open', async () => {
    source.updateOpenDocument('untitled:Untitled-1', deployment('u', 'scratch'));
    await source.whenIdle();
    assert.deepEqual(apps(), ['scratch']);
    source.closeOpenDocument('untitled:Untitled-1');
    assert.deepEqual(apps(), []);
  });

  test('file events: changed files are re-read, deleted files and folders drop out', async () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.yaml'), deployment('a', 'a'));
    writeFileSync(join(dir, 'sub/b.yaml'), deployment('b', 'b'));
    source.setFolders([dir]);
    await source.whenScanned();
    writeFileSync(join(dir, 'a.yaml'), deployment('a', 'a2'));
    source.fileChanged(pathToFileURL(join(dir, 'a.yaml')).href);
    writeFileSync(join(dir, 'c.yaml'), deployment('c', 'c'));
    source.fileChanged(pathToFileURL(join(dir, 'c.yaml')).href);
    await source.whenIdle();
    assert.deepEqual(apps(), ['a2', 'b', 'c']);
    rmSync(join(dir, 'sub'), { recursive: true });
    source.fileDeleted(pathToFileURL(join(dir, 'sub')).href);
    assert.deepEqual(apps(), ['a2', 'c']);
    // Events for files outside the folders or outside the globs are ignored.
    writeFileSync(join(dir, 'd.txt'), deployment('d', 'd'));
    source.fileChanged(pathToFileURL(join(dir, 'd.txt')).href);
    await source.whenIdle();
    assert.deepEqual(apps(), ['a2', 'c']);
  });

  test('a missing folder or unreadable file is not an error', async () => {
    source.setFolders([join(dir, 'does-not-exist')]);
    await source.whenScanned();
    assert.equal(source.index.isLoaded(), false);
    source.fileChanged(pathToFileURL(join(dir, 'nope.yaml')).href);
    await source.whenIdle();
    assert.equal(source.index.isLoaded(), false);
  });
});
