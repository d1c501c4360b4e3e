// Tests the TextMate injection grammar with VS Code's own tokenizer (vscode-textmate + vscode-oniguruma) over the real YAML/JSON grammars.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = resolve(__dirname, '..', '..', '..');
const DIR = resolve(ROOT, 'test', 'fixtures', 'grammar');

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}
/** Our grammars as package.json contributes them (VS Code reads exactly this). */
const CONTRIBUTED = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: GrammarContribution[] } }).contributes.grammars;

interface Check {
  /** Text to look for in the fixture; the token at its first character is checked. */
  find: string;
  /** 1-based occurrence of `find` (default 1). */
  nth?: number;
  has?: string[];
  lacks?: string[];
}
interface Expected {
  /** False: the injection must leave the file's tokens exactly as the base grammar makes them. */
  injected: boolean;
  checks: Check[];
}

interface Token {
  /** 0-based line of the token. */
  line: number;
  offset: number;
  end: number;
  scopes: string[];
}

const isOurs = (scope: string) => /\.(vtl|apigw)$|^meta\.apigw\./.test(scope);

let onigLib: Promise<textmate.IOnigLib> | undefined;
function loadOnig(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return { createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources), createOnigString: (s: string) => new oniguruma.OnigString(s) };
  })();
  return onigLib;
}

/** Where the base YAML/JSON grammars come from: a scopeName → file lookup. */
type BaseGrammars = (scopeName: string) => string | undefined;

/** The YAML and JSON grammars of VS Code as packaged by tm-grammars (always available: a devDependency). */
const TM_GRAMMARS: BaseGrammars = (scopeName) => {
  const file = ({ 'source.yaml': 'yaml.json', 'source.json': 'json.json' } as Record<string, string>)[scopeName];
  return file ? require.resolve(`tm-grammars/grammars/${file}`) : undefined;
};

/** The grammars of the VS Code that `npm run test:e2e` installs (e2e/.toolchain), when it is there. */
const VSCODE_EXTENSIONS = resolve(ROOT, 'e2e', '.toolchain', 'cs', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
function vscodeGrammars(): BaseGrammars | undefined {
  if (!existsSync(VSCODE_EXTENSIONS)) return undefined;
  const byScope = new Map<string, string>();
  for (const ext of ['yaml', 'json']) {
    const pkg = JSON.parse(readFileSync(resolve(VSCODE_EXTENSIONS, ext, 'package.json'), 'utf8')) as { contributes: { grammars: GrammarContribution[] } };
    for (const g of pkg.contributes.grammars) if (!byScope.has(g.scopeName)) byScope.set(g.scopeName, resolve(VSCODE_EXTENSIONS, ext, g.path));
  }
  return (scopeName) => byScope.get(scopeName);
}

/** A registry like VS Code's: base grammars plus ours, each injection grammar injected into the scopes of its injectTo. */
function registry(base: BaseGrammars, withInjection: boolean): textmate.Registry {
  return new textmate.Registry({
    onigLib: loadOnig(),
    loadGrammar: async (scopeName) => {
      const ours = CONTRIBUTED.find((g) => g.scopeName === scopeName);
      const path = ours ? resolve(ROOT, ours.path) : base(scopeName);
      return path ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    getInjections: (scopeName) => (withInjection ? CONTRIBUTED.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName) : []),
  });
}

async function tokenize(base: BaseGrammars, text: string, scopeName: string, withInjection: boolean): Promise<Token[]> {
  const grammar = await registry(base, withInjection).loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} not loaded`);
  const tokens: Token[] = [];
  let state = textmate.INITIAL;
  let offset = 0;
  for (const [index, line] of text.split('\n').entries()) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) tokens.push({ line: index, offset: offset + t.startIndex, end: offset + Math.min(t.endIndex, line.length), scopes: t.scopes });
    state = r.ruleStack;
    offset += line.length + 1;
  }
  return tokens;
}

function nthIndex(text: string, find: string, nth: number): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(find, at + 1);
    if (at < 0) break;
  }
  return at;
}

describe('TextMate injection grammar', () => {
  before(async () => {
    await loadOnig();
  });

  it('contributes one injection for YAML and one for JSON, over a shared VTL grammar', () => {
    assert.deepEqual(
      CONTRIBUTED.filter((g) => g.path.startsWith('./syntaxes/')).map((g) => [g.scopeName, g.injectTo ?? []]),
      [
        ['source.apigw-vtl', []],
        ['apigw-vtl.yaml.injection', ['source.yaml']],
        ['apigw-vtl.json.injection', ['source.json']],
      ],
    );
  });

  const vscode = vscodeGrammars();
  const bases: [string, BaseGrammars | undefined][] = [['tm-grammars', TM_GRAMMARS], ['VS Code of e2e/.toolchain', vscode]];
  const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'));
  it('finds its fixtures', () => assert.ok(files.length > 0, `no fixtures in ${DIR}`));
  for (const [baseName, base] of bases) {
    for (const file of files) {
      const skip = base ? false : 'e2e/.toolchain is not installed (npm run test:e2e installs it)';
      it(`tokenizes ${file} over the base grammars of ${baseName}`, { skip }, async () => {
        if (!base) return;
        const text = readFileSync(resolve(DIR, file), 'utf8');
        const expected = JSON.parse(readFileSync(resolve(DIR, `${file}.expected.json`), 'utf8')) as Expected;
        const scopeName = file.endsWith('.json') ? 'source.json' : 'source.yaml';
        const tokens = await tokenize(base, text, scopeName, true);
        const injected = tokens.some((t) => t.scopes.some(isOurs));
        assert.equal(injected, expected.injected, 'whether anything is injected');
        // Every line the injection does not touch is tokenized exactly as by the base grammar alone (it resumes cleanly).
        const plain = await tokenize(base, text, scopeName, false);
        const touched = new Set(tokens.filter((t) => t.scopes.some(isOurs)).map((t) => t.line));
        assert.deepEqual(
          tokens.filter((t) => !touched.has(t.line)),
          plain.filter((t) => !touched.has(t.line)),
          'lines outside the injected regions keep the base grammar’s tokens',
        );
        const failures: string[] = [];
        for (const c of expected.checks) {
          const at = nthIndex(text, c.find, c.nth ?? 1);
          if (at < 0) {
            failures.push(`${JSON.stringify(c.find)}: not in the fixture`);
            continue;
          }
          const token = tokens.find((t) => t.offset <= at && at < t.end);
          const scopes = token?.scopes ?? [];
          const missing = (c.has ?? []).filter((s) => !scopes.includes(s));
          const unwanted = (c.lacks ?? []).filter((s) => scopes.includes(s));
          if (missing.length || unwanted.length) failures.push(`${JSON.stringify(c.find)}: scopes ${scopes.join(' ')}; missing [${missing.join(', ')}] unwanted [${unwanted.join(', ')}]`);
        }
        assert.deepEqual(failures, []);
      });
    }
  }
});
