// The extension manifest: settings, commands, grammar, snippets and trust as the issue promises them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings } from '../../server/src/settings';
import { CheckTrafficCommand, ExplainPolicyCommand } from '../../protocol';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown; scope?: string; description?: string; markdownDescription?: string }> =
  pkg.contributes.configuration.properties;

describe('settings', () => {
  const expected: [key: string, scope: string, fallback: unknown][] = [
    ['calico.calicoVersion', 'resource', defaultSettings.calicoVersion],
    ['calico.edition', 'resource', defaultSettings.edition],
    ['calico.kubeconfig', 'machine', defaultSettings.kubeconfig],
    ['calico.context', 'machine', defaultSettings.context],
    ['calico.cluster.enabled', 'window', defaultSettings.cluster.enabled],
    ['calico.cluster.refreshInterval', 'window', defaultSettings.cluster.refreshInterval],
    ['calico.workspaceLabels.include', 'resource', defaultSettings.workspaceLabels.include],
    ['calico.workspaceLabels.exclude', 'resource', defaultSettings.workspaceLabels.exclude],
    ['calico.codeLens.enabled', 'window', defaultSettings.codeLens.enabled],
    ['calico.outline.maxRules', 'resource', defaultSettings.outline.maxRules],
    ['calico.simulation.scope', 'window', defaultSettings.simulation.scope],
    ['calico.trace.server', 'window', 'off'],
  ];

  test('exactly the documented settings are contributed', () => {
    assert.deepEqual(Object.keys(properties).sort(), expected.map(([k]) => k).sort());
  });

  for (const [key, scope, fallback] of expected) {
    test(`${key}: scope ${scope}, default matches what the server assumes, described`, () => {
      const p = properties[key]!;
      assert.equal(p.scope, scope);
      assert.deepEqual(p.default, fallback);
      assert.ok((p.markdownDescription ?? p.description ?? '').length > 20, 'has a description');
    });
  }

  test('trace levels are the language client ones', () => {
    assert.deepEqual((properties['calico.trace.server'] as { enum?: string[] }).enum, ['off', 'messages', 'verbose']);
  });
});

describe('commands', () => {
  const titles = Object.fromEntries(pkg.contributes.commands.map((c: { command: string; category: string; title: string }) => [c.command, `${c.category}: ${c.title}`]));

  test('the palette commands with their titles', () => {
    assert.deepEqual(titles, {
      [ExplainPolicyCommand]: 'Calico: Explain Policy',
      'calico.refreshCluster': 'Calico: Refresh Cluster Labels',
      'calico.selectContext': 'Calico: Select Kubernetes Context',
      'calico.showOutput': 'Calico: Show Output',
      'calico.clusterPolicies.refresh': 'Calico: Refresh Cluster Policies',
      'calico.clusterPolicies.filterNamespace': 'Calico: Filter Cluster Policies by Namespace',
      'calico.clusterPolicies.revealInWorkspace': 'Calico: Reveal Workspace File',
      'calico.clusterPolicies.open': 'Calico: Open Cluster Object',
      'calico.compareWithCluster': 'Calico: Compare with Cluster',
      [CheckTrafficCommand]: 'Calico: Check Traffic…',
      'calico.showReachability': 'Calico: Show Reachability',
      'calico.selectSimulationScope': 'Calico: Select Simulation Scope',
      'calico.whatChanges': 'Calico: What Changes If I Apply This?',
    });
  });

  test('every menu entry names a contributed command', () => {
    for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
      for (const e of entries) assert.ok(e.command in titles, `${menu} → ${e.command}`);
    }
  });

  test('the client registers every contributed command', () => {
    const sources = ['extension.ts', 'clusterTree/register.ts'].map((f) => readFileSync(join(root, 'client', 'src', f), 'utf8')).join('\n');
    for (const id of Object.keys(titles)) {
      const literal = id === ExplainPolicyCommand ? 'ExplainPolicyCommand' : id === CheckTrafficCommand ? 'CheckTrafficCommand' : `'${id}'`;
      assert.ok(sources.includes(`registerCommand(${literal}`), `${id} registered`);
    }
  });
});

describe('activation, trust, grammar, snippets, packaging', () => {
  test('activates on YAML and points at the bundled client', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:yaml']);
    assert.equal(pkg.main, './dist/extension.js');
  });

  test('engines.vscode stays at or below 1.139 so the local VS Code loads it', () => {
    const m = /^\^?(\d+)\.(\d+)\./.exec(pkg.engines.vscode);
    assert.ok(m, pkg.engines.vscode);
    assert.ok(Number(m[1]) === 1 && Number(m[2]) <= 139, pkg.engines.vscode);
  });

  test('untrusted workspaces are supported in limited mode and cannot set cluster settings', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.description.length > 20);
    for (const key of ['calico.kubeconfig', 'calico.context']) assert.ok(trust.restrictedConfigurations.includes(key), key);
  });

  test('the selector grammar is injected into YAML and the file exists', () => {
    const [grammar] = pkg.contributes.grammars;
    assert.deepEqual(grammar.injectTo, ['source.yaml']);
    const file = JSON.parse(readFileSync(join(root, grammar.path), 'utf8'));
    assert.equal(file.scopeName, grammar.scopeName);
    assert.match(file.injectionSelector, /^L:source\.yaml/);
  });

  test('snippets are contributed for YAML from an existing file', () => {
    const [snippets] = pkg.contributes.snippets;
    assert.equal(snippets.language, 'yaml');
    assert.ok(existsSync(join(root, snippets.path)));
  });

  test('marketplace metadata: icon file, Apache-2.0 licence, categories and keywords', () => {
    assert.ok(existsSync(join(root, pkg.icon)), pkg.icon);
    assert.equal(pkg.license, 'Apache-2.0');
    assert.ok(existsSync(join(root, 'LICENSE')));
    assert.ok(existsSync(join(root, 'CHANGELOG.md')));
    assert.ok(pkg.categories.length > 0 && pkg.keywords.length > 0);
  });

  test('the editor scripts exist', () => {
    for (const script of ['start', 'package', 'test:e2e', 'test:vscode']) {
      assert.ok(pkg.scripts[script], script);
      const file = /node (\S+)/.exec(pkg.scripts[script])?.[1];
      assert.ok(file && existsSync(join(root, file)), `${script}: ${file}`);
    }
  });
});
