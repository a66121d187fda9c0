// .ci/run installs a working kubectl when `kubectl version --client` fails, not only when kubectl is absent.
// Runs .ci/lib.sh's ensure_kubectl with stand-ins for apt-get, dpkg and id on a PATH holding nothing else.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../../scripts/localTools.mjs';

const working = '#!/bin/sh\necho "Client Version: v1.20.2"\n';
const broken = '#!/bin/sh\necho "exec format error" >&2\nexit 126\n';

interface Machine {
  /** What `kubectl` on PATH is before CI runs, if anything. */
  kubectl?: 'working' | 'broken';
  /** Package dpkg says owns that kubectl. */
  owner?: string;
}

function runEnsureKubectl(machine: Machine) {
  const root = mkdtempSync(join(tmpdir(), 'calico-ci-kubectl-'));
  const fake = join(root, 'fake');
  const existing = join(root, 'existing');
  const debian = join(root, 'debian');
  const tools = join(root, 'tools');
  for (const d of [fake, existing, debian, tools]) mkdirSync(d);
  // Only the programs the helper needs, so the machine's own kubectl cannot leak in.
  for (const t of ['head', 'cut', 'dirname', 'env', 'cat', 'chmod', 'sh']) {
    const found = ['/usr/bin', '/bin'].map((d) => join(d, t)).find((p) => existsSync(p));
    if (found) symlinkSync(found, join(tools, t));
  }
  const log = join(root, 'apt.log');
  const script = (name: string, body: string) => {
    writeFileSync(join(fake, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(fake, name), 0o755);
  };
  script('id', 'echo 0');
  script('dpkg', machine.owner ? `[ "$1" = -S ] && echo "${machine.owner}: $2" && exit 0\nexit 1` : 'exit 1');
  // "Installing" kubernetes-client puts a working kubectl where Debian would; --reinstall of the broken one fixes nothing.
  script('apt-get', `echo "$*" >> ${JSON.stringify(log)}\ncase "$*" in *"install"*kubernetes-client*) printf '%s' '${working}' > ${JSON.stringify(join(debian, 'kubectl'))}; chmod +x ${JSON.stringify(join(debian, 'kubectl'))};; esac\nexit 0`);
  if (machine.kubectl) {
    writeFileSync(join(existing, 'kubectl'), machine.kubectl === 'working' ? working : broken);
    chmodSync(join(existing, 'kubectl'), 0o755);
  }
  const bash = ['/bin/bash', '/usr/bin/bash'].find((p) => existsSync(p))!;
  const r = spawnSync(bash, ['-c', `. ${JSON.stringify(join(repoRoot, '.ci', 'lib.sh'))}; ensure_kubectl; rc=$?; echo "rc=$rc"; kubectl version --client`], {
    encoding: 'utf8',
    env: { PATH: [fake, existing, tools].join(':'), DEBIAN_KUBECTL: join(debian, 'kubectl') },
  });
  const apt = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { out: r.stdout + r.stderr, apt };
}

describe('.ci/run: a working kubectl', () => {
  test('a working kubectl is left alone', () => {
    const r = runEnsureKubectl({ kubectl: 'working' });
    assert.match(r.out, /rc=0\nClient Version/);
    assert.deepEqual(r.apt, []);
  });

  test('no kubectl: kubernetes-client is installed', () => {
    const r = runEnsureKubectl({});
    assert.match(r.out, /rc=0\nClient Version/);
    assert.ok(r.apt.some((a) => /install .*kubernetes-client/.test(a)), r.apt.join('\n'));
  });

  test('a kubectl that fails `version --client` is replaced, even when it is first on PATH', () => {
    const r = runEnsureKubectl({ kubectl: 'broken' });
    assert.match(r.out, /rc=0\n/, r.out);
    assert.match(r.out, /Client Version/, 'kubectl works afterwards');
    assert.ok(r.apt.some((a) => /install .*kubernetes-client/.test(a)), r.apt.join('\n'));
  });

  test('a broken kubectl from another package is reinstalled first, then overwritten by kubernetes-client', () => {
    const r = runEnsureKubectl({ kubectl: 'broken', owner: 'kubectl' });
    assert.match(r.out, /rc=0\n/, r.out);
    const reinstall = r.apt.findIndex((a) => /install .*--reinstall kubectl$/.test(a));
    const client = r.apt.findIndex((a) => /--force-overwrite kubernetes-client/.test(a));
    assert.ok(reinstall >= 0 && client > reinstall, r.apt.join('\n'));
  });
});
