import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

/** Runs npm in the project with the test's environment minus any ONNX Runtime install switch. */
function npm(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(ONNXRUNTIME_NODE_INSTALL|npm_config_onnxruntime)/i.test(k),
    ),
  );
  // Were onnxruntime-node's install script to run after all, its NuGet download would go to a
  // closed port (global-agent honours this) instead of the network.
  env.GLOBAL_AGENT_HTTPS_PROXY = 'http://127.0.0.1:9';
  return new Promise((resolve) => {
    execFile('npm', args, { cwd: ROOT, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
        stdout,
        stderr,
      });
    });
  });
}

describe('npm configuration of the project', () => {
  it('npx notecoder prints no npm warning (no unknown project config)', async () => {
    const out = await npm(['exec', '--', 'notecoder', '--help']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('Usage: notecoder');
    expect(out.stderr).not.toMatch(/npm warn/i);
  });

  it("onnxruntime-node's install script (the CUDA download) never runs; approved scripts do", async () => {
    const out = await npm(['rebuild', 'onnxruntime-node', 'protobufjs', '--foreground-scripts']);
    expect(out.code, out.stderr).toBe(0);
    // protobufjs is approved in package.json#allowScripts: its postinstall runs (the control).
    expect(out.stdout).toMatch(/> protobufjs@[\d.]+ postinstall/);
    expect(out.stdout).not.toMatch(/onnxruntime-node@[\d.]+ postinstall/);
    expect(`${out.stdout}${out.stderr}`).not.toMatch(/nuget|Downloading/i);
    expect(out.stderr).not.toMatch(/npm warn/i);
  });

  it('every dependency install script is reviewed (no install-scripts notice at install)', async () => {
    const out = await npm(['install-scripts', 'ls']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('No packages with unreviewed install scripts');
  });
});
