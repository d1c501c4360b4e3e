// Security invariants that are properties of the source and the manifest: nothing calls the network, nothing evaluates
// code, and Restricted Mode ignores workspace settings that raise resource limits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } };
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const OWN_SOURCES = [...sources(resolve(ROOT, 'server', 'src')), ...sources(resolve(ROOT, 'client'))];

/** Ways code could reach the network or evaluate text as code. */
const FORBIDDEN: [RegExp, string][] = [
  [/from ['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]/, 'imports a network module'],
  [/require\(['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]\)/, 'requires a network module'],
  [/\bfetch\s*\(/, 'calls fetch'],
  [/\bXMLHttpRequest\b/, 'uses XMLHttpRequest'],
  [/\bnew\s+WebSocket\s*\(/, 'opens a WebSocket'],
  [/\beval\s*\(/, 'calls eval'],
  [/\bnew\s+Function\s*\(/, 'builds a Function from text'],
  [/from ['"](node:)?(vm|child_process)['"]/, 'imports vm or child_process'],
];

describe('security invariants', () => {
  it('finds the sources', () => assert.ok(OWN_SOURCES.length > 50, `only ${OWN_SOURCES.length} files`));

  for (const file of OWN_SOURCES) {
    const name = relative(ROOT, file);
    it(`${name} neither reaches the network nor evaluates code`, () => {
      const text = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*)/.test(line))
        .join('\n');
      for (const [re, what] of FORBIDDEN) assert.ok(!re.test(text), `${name} ${what}`);
    });
  }

  it('declares limited support for untrusted workspaces and restricts every resource-limit setting', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    const restricted = new Set(untrusted?.restrictedConfigurations ?? []);
    const limits = Object.keys(manifest.contributes.configuration.properties).filter((k) => /maxFileSize|timeout/i.test(k));
    assert.ok(limits.length >= 2, `expected resource-limit settings, found ${limits.join(', ')}`);
    for (const k of limits) assert.ok(restricted.has(k), `${k} is not in restrictedConfigurations`);
    for (const k of restricted) assert.ok(k in manifest.contributes.configuration.properties, `${k} is not a contributed setting`);
  });
});
