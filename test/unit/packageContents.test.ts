// Package contents: lists the .vsix (vsce ls) and the npm package (npm pack --dry-run) of a laid-out copy of the tree and compares with test/fixtures/package/contents.json.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const VSCE = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
/** Files whose real content the packaging tools read. */
const REAL = ['package.json', '.vscodeignore', '.npmignore', '.gitignore', 'README.md', 'CHANGELOG.md', 'LICENSE'];

interface Expectations {
  built: string[];
  probe: string[];
  vsix: string[];
  /** Allowed but not required by pattern (required instead when package.json names them). */
  vsixMayHold: string[];
  npm: string[];
}
const expected = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/package/contents.json'), 'utf8')) as Expectations;

/** Tracked files plus new, not git-ignored ones (the same set as a fresh clone once they are committed). */
function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter((f) => f && existsSync(join(REPO_ROOT, f)));
}

/** Copies the real packaging inputs and creates every other file empty. */
function layOut(root: string, files: Iterable<string>): void {
  for (const f of files) {
    const target = join(root, f);
    mkdirSync(dirname(target), { recursive: true });
    if (REAL.includes(f) && existsSync(join(REPO_ROOT, f))) copyFileSync(join(REPO_ROOT, f), target);
    else writeFileSync(target, '');
  }
}

/** Every listed file matches a pattern (required or allowed), and every required pattern matches a listed file. */
function assertMatches(listed: string[], patterns: string[], what: string, allowed: string[] = []): void {
  const res = patterns.map((p) => new RegExp(p));
  const allowedRes = allowed.map((p) => new RegExp(p));
  const unexpected = listed.filter((f) => ![...res, ...allowedRes].some((r) => r.test(f)));
  assert.deepEqual(unexpected, [], `${what} contains files that should not ship`);
  const missing = patterns.filter((_, i) => !listed.some((f) => res[i]!.test(f)));
  assert.deepEqual(missing, [], `${what} lacks files matching these patterns`);
}

/** Paths that package.json points at and the extension needs at run time. */
function manifestReferences(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  const refs: string[] = [pkg.main, pkg.icon];
  for (const g of pkg.contributes?.grammars ?? []) refs.push(g.path);
  for (const w of pkg.contributes?.walkthroughs ?? []) {
    for (const s of w.steps ?? []) {
      const m = s.media ?? {};
      for (const key of ['markdown', 'image', 'svg']) if (typeof m[key] === 'string') refs.push(m[key]);
    }
  }
  refs.push('media/walkthrough/sample-websocket.yaml');
  return refs.map((r: string) => r.replace(/^\.\//, ''));
}

/** Relative image paths of README.md (`![alt](path)`). */
function readmeImages(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] as string).filter((p) => !/^[a-z]+:/i.test(p)).map((p) => p.replace(/^\.\//, ''));
}

describe('package contents', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'apigw-lens-pkg-'));
    layOut(root, new Set([...trackedFiles(), ...REAL.filter((f) => existsSync(join(REPO_ROOT, f))), ...expected.built, ...expected.probe]));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('the .vsix holds only the bundles, the codicon font, grammar, media, README and its screenshots, CHANGELOG, LICENSE, third-party notices and icon', () => {
    const out = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
    const listed = out.split(/\r?\n/).filter(Boolean).sort();
    assertMatches(listed, expected.vsix, 'the .vsix', expected.vsixMayHold);
    assert.deepEqual(listed.filter((f) => f.endsWith('.map')), [], 'source maps ship in the .vsix');
    const missing = manifestReferences().filter((r) => !listed.includes(r));
    assert.deepEqual(missing, [], 'package.json refers to files the .vsix does not contain');
    const images = readmeImages();
    assert.ok(images.length > 0, 'README.md shows screenshots');
    assert.deepEqual(images.filter((r) => !listed.includes(r)), [], 'README.md shows images the .vsix does not contain (broken on the extension page)');
  });

  it('the npm package holds the CLI and the standalone server', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const listed = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
    assertMatches(listed, expected.npm, 'the npm package');
  });
});
