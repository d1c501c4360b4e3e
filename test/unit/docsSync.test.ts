// Documentation kept in sync with the code: README settings table vs package.json, README `apigw-lens run` options, JSON fields and error codes vs the CLI, Red Hat YAML customTags in docs/editors.md vs the core's tag list, walkthrough files and commands.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CFN_SHORT_TAGS } from '../../server/src/core/parse/cfnTags';
import { buildTemplateModel } from '../../server/src/core';
import { finalizeTrace, runRoute } from '../../server/src/core/pipeline/run';
import { pickApi, prepareApi } from '../../server/src/core/pipeline/snapshot';
import { RUN_ERROR_CODES } from '../../server/src/core/pipeline/types';
import { RUN_FLAGS, toRunJson } from '../../server/src/cli/run';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(REPO_ROOT, p), 'utf8');
const pkg = JSON.parse(read('package.json'));
const properties = pkg.contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;

/** The lines of a `## Title` section of a markdown file, up to the next `## ` heading. */
function section(markdown: string, title: string): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.indexOf(`## ${title}`);
  assert.ok(start >= 0, `no "## ${title}" section`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** `` `value` `` cells hold JSON (`true`, `{}`, `75`) or a bare string (`off`). */
function cellValue(cell: string): unknown {
  const inner = cell.trim().replace(/^`|`$/g, '');
  try {
    return JSON.parse(inner);
  } catch {
    return inner;
  }
}

describe('README settings table', () => {
  const rows = section(read('README.md'), 'Settings')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split('|').slice(1, -1));

  it('lists exactly the settings of package.json', () => {
    const listed = rows.map((r) => cellValue(r[0] ?? ''));
    assert.deepEqual([...listed].sort(), Object.keys(properties).sort());
  });

  it('shows each default as package.json declares it', () => {
    for (const r of rows) {
      const key = cellValue(r[0] ?? '') as string;
      assert.deepEqual(cellValue(r[1] ?? ''), properties[key]?.default, `default of ${key}`);
      assert.ok((r[2] ?? '').trim().length > 0, `${key} has no meaning column`);
    }
  });

  it('every setting has a description in package.json', () => {
    for (const [key, p] of Object.entries(properties)) assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `${key} lacks a description`);
  });
});

describe('docs/editors.md yaml.customTags', () => {
  it('covers every short-form intrinsic the core knows, in scalar, sequence and mapping form', () => {
    const text = read('docs/editors.md');
    const marker = text.indexOf('<!-- yaml-custom-tags -->');
    assert.ok(marker >= 0, 'marker <!-- yaml-custom-tags --> missing');
    const block = /```json\n([\s\S]*?)\n```/.exec(text.slice(marker));
    assert.ok(block, 'no json block after the marker');
    const tags = (JSON.parse(block[1] ?? '') as Record<string, string[]>)['yaml.customTags'];
    const wanted = [...CFN_SHORT_TAGS].flatMap((t) => ['scalar', 'sequence', 'mapping'].map((kind) => `${t} ${kind}`));
    assert.deepEqual([...(tags ?? [])].sort(), wanted.sort());
  });
});

describe('package.json does not claim languages', () => {
  it('claims no files for any language, no "*" activation, and activates on yaml and json', () => {
    // An embedded language id (e.g. for highlighting) is fine; taking over yaml/json or any file names is not.
    for (const l of (pkg.contributes.languages ?? []) as Record<string, unknown>[]) {
      assert.ok(l.id !== 'yaml' && l.id !== 'json', `contributes.languages redefines ${String(l.id)}`);
      for (const claim of ['extensions', 'filenames', 'filenamePatterns', 'firstLine']) assert.equal(l[claim], undefined, `language ${String(l.id)} claims ${claim}`);
    }
    assert.deepEqual([...pkg.activationEvents].sort(), ['onLanguage:json', 'onLanguage:yaml']);
    assert.equal(pkg.engines.vscode, `^${pkg.devDependencies['@types/vscode']}`, 'engines.vscode and @types/vscode disagree');
  });
});

describe('walkthrough', () => {
  const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
  const steps = (pkg.contributes.walkthroughs as { steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[]).flatMap((w) => w.steps);

  it('every step has its markdown file', () => {
    for (const s of steps) assert.ok(s.media.markdown && existsSync(join(REPO_ROOT, s.media.markdown)), `${s.id}: ${s.media.markdown} missing`);
  });

  it('every apigwLens command a step links to or completes on is contributed', () => {
    const used = steps.flatMap((s) => [
      ...[...s.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1] ?? ''),
      ...(s.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length)),
    ]);
    const ours = used.filter((c) => c.startsWith('apigwLens.'));
    assert.ok(ours.length > 0);
    for (const c of ours) assert.ok(commands.has(c), `${c} is not in contributes.commands`);
  });
});

/** The lines of a `### Title` subsection, up to the next heading of level 2 or 3. */
function subsection(markdown: string, title: string): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.indexOf(`### ${title}`);
  assert.ok(start >= 0, `no "### ${title}" section`);
  const end = lines.findIndex((l, i) => i > start && /^#{2,3} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('README apigw-lens run section', () => {
  const lines = subsection(read('README.md'), 'Run Route from the command line: `apigw-lens run`');
  const fence = lines.indexOf('```');
  const synopsis = lines.slice(fence + 1, lines.indexOf('```', fence + 1)).join('\n');
  const jsonParagraph = lines.slice(lines.findIndex((l) => l.startsWith('`--format json` prints one object')));
  const paragraph = jsonParagraph.slice(0, jsonParagraph.findIndex((l) => l.trim() === '')).join(' ');
  const backticked = new Set([...paragraph.matchAll(/`([^`]+)`/g)].flatMap((m) => (m[1] as string).match(/[A-Za-z]+/g) ?? []));

  it('the synopsis lists exactly the options of the command', () => {
    const documented = [...new Set([...synopsis.matchAll(/--([a-z-]+)/g)].map((m) => m[1]))].sort();
    assert.deepEqual(documented, Object.keys(RUN_FLAGS).sort());
  });

  it('names every field of the JSON output and of its steps', () => {
    const model = buildTemplateModel(read('examples/websocket-mock.yaml'));
    const api = pickApi(model, undefined, undefined);
    assert.ok('logicalId' in api);
    const prepared = prepareApi(model, api);
    const trace = finalizeTrace(runRoute(prepared.snapshot, { message: '{"action":"message","messageId":1}' }, {}), prepared);
    const json = toRunJson(trace, model.text, 'examples/websocket-mock.yaml');
    const stepKeys = new Set(json.steps.flatMap((s) => Object.keys(s)));
    const missing = [...Object.keys(json), ...stepKeys].filter((k) => !backticked.has(k));
    assert.deepEqual(missing, [], 'fields of `apigw-lens run --format json` the README does not name');
  });

  it('lists exactly the error codes of a run', () => {
    const codes = [...backticked].filter((w) => /^[A-Z]/.test(w)).sort();
    assert.deepEqual(codes, [...RUN_ERROR_CODES].sort());
  });
});
