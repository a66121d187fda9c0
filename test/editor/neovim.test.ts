// Smoke test with an editor we did not write: headless Neovim (Debian's 0.7, `vim.lsp.start_client`)
// opens a policy with a mistake, and we read back the diagnostic Neovim received from our server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverPath } from '../support/lspClient';
import { skipUnless } from '../support/requiredTool';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimMissing = nvim.error !== undefined || nvim.status !== 0;

// The policy's ingress rule says `allow`; Calico's action names are case-sensitive (Allow).
const policy = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-summary
  namespace: yaobank-customer
spec:
  selector: app == "customer"
  ingress:
    - action: allow
      protocol: TCP
`;

const luaScript = (server: string, out: string) => `
local out = ${JSON.stringify(out)}
local function finish(result)
  local f = io.open(out, 'w')
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd('qall!')
end
local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'calico',
    cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(server)}, '--stdio' },
    root_dir = vim.fn.getcwd(),
    settings = { calico = { calicoVersion = 'latest' } },
  })
  vim.lsp.buf_attach_client(0, client_id)
  local got = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local diags = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(diags, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      message = d.message, severity = d.severity, source = d.source,
      code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or vim.NIL,
    })
  end
  finish({ waited = got, diagnostics = diags })
end)
if not ok then finish({ error = tostring(err) }) end
`;

test('Neovim 0.7 shows our diagnostic for a lower-case action', { skip: skipUnless(!nvimMissing, 'nvim', 'Debian: apt-get install neovim') }, () => {
  assert.ok(existsSync(serverPath), `${serverPath} missing: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'calico-nvim-'));
  try {
    const file = join(dir, 'policy.yaml');
    const out = join(dir, 'result.json');
    const script = join(dir, 'check.lua');
    writeFileSync(file, policy);
    writeFileSync(script, luaScript(serverPath, out));
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', file, '-c', `luafile ${script}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CACHE_HOME: dir },
    });
    assert.ok(existsSync(out), `nvim wrote no result (status ${r.status}, signal ${r.signal}): ${r.stderr}${r.stdout}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      error?: string;
      waited?: boolean;
      diagnostics?: { lnum: number; col: number; end_lnum: number; end_col: number; message: string; severity: number; source: string; code: unknown }[];
    };
    assert.equal(result.error, undefined);
    assert.equal(result.waited, true, 'no diagnostics arrived in Neovim');
    const actionLine = policy.split('\n').findIndex((l) => l.includes('action: allow'));
    const col = policy.split('\n')[actionLine].indexOf('allow');
    const onAction = result.diagnostics!.filter((d) => d.lnum === actionLine);
    assert.equal(onAction.length, 1, JSON.stringify(result.diagnostics));
    const d = onAction[0];
    assert.deepEqual(
      { lnum: d.lnum, col: d.col, end_lnum: d.end_lnum, end_col: d.end_col, severity: d.severity, source: d.source },
      { lnum: actionLine, col, end_lnum: actionLine, end_col: col + 'allow'.length, severity: 1, source: 'calico' },
    );
    assert.match(d.message, /Allow/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
