// The pure-core boundary: no file under server/src/core imports vscode, the LSP libraries, Node built-ins or unwrapped
// packages, or touches Node globals (`process`, `require`, …); each library is imported only by its one adapter.
// Imports come from esbuild's import graph and globals from esbuild's `define` (comments and strings never count).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const CORE = resolve(__dirname, '..', '..', '..', 'server', 'src', 'core');

/** Each wrapped library and the one core file (relative to server/src/core) allowed to import it. */
const ADAPTERS: Readonly<Record<string, string>> = {
  yaml: 'parse/yamlAdapter.ts',
  'jsonc-parser': 'parse/jsonAdapter.ts',
  velocityjs: 'vtl/velocity.ts',
  'jsonpath-plus': 'jsonPath.ts',
};

/** Node globals core code must not use. */
const FORBIDDEN_GLOBALS = ['process', 'require', 'Buffer', '__dirname', '__filename', 'global'];

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

type Sources = Readonly<Record<string, string>>;

/** `import type … from 'x'` / `export type … from 'x'`, which leave no trace in compiled code. */
const TYPE_ONLY_IMPORT = /^[ \t]*(?:import|export)[ \t]+type\b[^;'"]*?from[ \t]*['"]([^'"]+)['"]/gm;

function readCore(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) readCore(p, out);
    else if (/\.tsx?$/.test(e.name)) out[relative(CORE, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

/** `yaml/util` → `yaml`, `@scope/pkg/x` → `@scope/pkg`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function resolveRelative(sources: Sources, from: string, spec: string): string | undefined {
  const base = join(from, '..', spec).split('\\').join('/');
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) => c in sources);
}

/** Every import (static, dynamic, require, re-export) of every file, as esbuild resolves it: file → bare specifiers. */
async function bareImports(sources: Sources): Promise<{ imports: Map<string, string[]>; unresolved: string[] }> {
  const imports = new Map<string, string[]>();
  const unresolved: string[] = [];
  const plugin: esbuild.Plugin = {
    name: 'in-memory-core',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return { path: args.path, namespace: 'core' };
        const from = args.importer;
        if (args.path.startsWith('.')) {
          const target = resolveRelative(sources, from, args.path);
          if (target) return { path: target, namespace: 'core' };
          unresolved.push(`${from} → ${args.path}`);
          return { path: args.path, external: true };
        }
        imports.set(from, [...(imports.get(from) ?? []), args.path]);
        return { path: args.path, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: 'core' }, (args) => ({ contents: sources[args.path] ?? '', loader: 'ts' }));
    },
  };
  // verbatimModuleSyntax keeps imports whose bindings are unused or only types; `import type` is erased by esbuild and
  // read from the text instead.
  const tsconfigRaw = { compilerOptions: { verbatimModuleSyntax: true } };
  await esbuild.build({ entryPoints: Object.keys(sources), bundle: true, write: false, outdir: 'unused', platform: 'neutral', format: 'esm', logLevel: 'silent', tsconfigRaw, plugins: [plugin] });
  for (const [file, source] of Object.entries(sources)) {
    for (const m of source.matchAll(TYPE_ONLY_IMPORT)) if (m[1] && !m[1].startsWith('.')) imports.set(file, [...(imports.get(file) ?? []), m[1]]);
  }
  return { imports, unresolved };
}

/** Node globals a file uses (unbound references only: locals named `process` do not count). */
function globalsUsed(source: string): string[] {
  const define = Object.fromEntries(FORBIDDEN_GLOBALS.map((g) => [g, `__FORBIDDEN_GLOBAL_${g}__`]));
  const { code } = esbuild.transformSync(source, { loader: 'ts', define, legalComments: 'none' });
  return FORBIDDEN_GLOBALS.filter((g) => code.includes(`__FORBIDDEN_GLOBAL_${g}__`));
}

/** All boundary violations of a set of core sources, as readable lines. */
async function violations(sources: Sources): Promise<string[]> {
  const out: string[] = [];
  const { imports, unresolved } = await bareImports(sources);
  for (const u of unresolved) out.push(`${u}: relative import that does not resolve inside core`);
  for (const [file, specs] of imports) {
    for (const spec of specs) {
      const pkg = packageOf(spec);
      if (NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(pkg)) out.push(`${file}: imports the Node built-in ${spec}`);
      else if (pkg === 'vscode' || pkg.startsWith('vscode-languageserver') || pkg.startsWith('vscode-jsonrpc')) out.push(`${file}: imports ${spec} (editor/LSP types belong in server/src)`);
      else if (!(pkg in ADAPTERS)) out.push(`${file}: imports the package ${spec}, which has no adapter in core`);
      else if (ADAPTERS[pkg] !== file) out.push(`${file}: imports ${spec}; only ${ADAPTERS[pkg]} may`);
    }
  }
  for (const [file, source] of Object.entries(sources)) for (const g of globalsUsed(source)) out.push(`${file}: uses the Node global ${g}`);
  return out.sort();
}

describe('core boundary', () => {
  it('server/src/core is pure and each library has one adapter', async () => {
    const sources = readCore(CORE);
    assert.ok(Object.keys(sources).length > 20, 'reads the core sources');
    for (const file of Object.values(ADAPTERS)) assert.ok(file in sources, `adapter ${file} exists`);
    assert.deepEqual(await violations(sources), []);
  });

  it('finds every kind of violation', async () => {
    const bad: Sources = {
      'a.ts': "import * as fs from 'node:fs';\nimport { join } from 'path';\nexport const x = fs.readFileSync(join('a'));\n",
      'b.ts': "import type { Position } from 'vscode-languageserver';\nimport * as vscode from 'vscode';\nexport const p: Position | undefined = undefined; export const v = vscode;\n",
      'c.ts': "export const env = process.env['X'];\nexport const m = require('fs');\nexport const b = Buffer.from('x');\n",
      'd.ts': "import { parse } from 'yaml';\nimport { JSONPath } from 'jsonpath-plus';\nexport const y = [parse, JSONPath];\n",
      'e.ts': "export async function f() { return import('worker_threads'); }\nexport { left } from 'left-pad';\n",
      'f.ts': "import { g } from './missing';\nexport const h = g;\n",
      'parse/yamlAdapter.ts': "import { parse } from 'yaml';\nexport const ok = parse;\n",
      'ok.ts': "// process.exit() and require('fs') in a comment, and in a string:\nexport const s = 'process.env require(x)';\nexport function f(process: { a: number }) { return process.a; }\n",
    };
    assert.deepEqual(await violations(bad), [
      'a.ts: imports the Node built-in node:fs',
      'a.ts: imports the Node built-in path',
      'b.ts: imports vscode (editor/LSP types belong in server/src)',
      'b.ts: imports vscode-languageserver (editor/LSP types belong in server/src)',
      'c.ts: imports the Node built-in fs',
      'c.ts: uses the Node global Buffer',
      'c.ts: uses the Node global process',
      'c.ts: uses the Node global require',
      'd.ts: imports jsonpath-plus; only jsonPath.ts may',
      'd.ts: imports yaml; only parse/yamlAdapter.ts may',
      'e.ts: imports the Node built-in worker_threads',
      'e.ts: imports the package left-pad, which has no adapter in core',
      'f.ts → ./missing: relative import that does not resolve inside core',
    ]);
  });
});
