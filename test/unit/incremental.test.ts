// Incremental analysis equals analysis from scratch: edit scripts under test/fixtures/incremental are applied one by one
// (LF and CRLF) and after every edit the incremental model and problems must equal a one-document parse's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildFullTemplateModel, IncrementalModelBuilder, runChecks, type BuildMode, type TemplateModel } from '../../server/src/core/index';
import { resplit, splitJson, splitYaml } from '../../server/src/core/parse/resourceBlocks';

const FIXTURES = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'incremental');

interface Step {
  readonly replace: string;
  readonly with: string;
  /** 1-based occurrence of `replace` (default 1). */
  readonly nth?: number;
  /** How the builder must have built the model after this edit. */
  readonly mode: BuildMode;
  /** How many resource blocks the edit made the builder parse (the others were re-used or moved). */
  readonly parsed?: number;
  /** Problem ids that must (present) or must not (absent) be reported after the edit: the edit changes them. */
  readonly present?: readonly string[];
  readonly absent?: readonly string[];
  readonly why: string;
}

interface Script {
  readonly template: string;
  readonly format: 'yaml' | 'json';
  readonly eol: 'lf' | 'crlf';
  readonly initialMode: BuildMode;
  readonly steps: readonly Step[];
}

const eol = (s: string, kind: 'lf' | 'crlf') => (kind === 'crlf' ? s.replace(/\r?\n/g, '\r\n') : s);

function apply(text: string, step: Step, kind: 'lf' | 'crlf'): string {
  const find = eol(step.replace, kind);
  let at = -1;
  for (let n = 0; n < (step.nth ?? 1); n++) at = text.indexOf(find, at + 1);
  assert.ok(at >= 0, `edit script: "${step.replace}" not found (${step.why})`);
  return text.slice(0, at) + eol(step.with, kind) + text.slice(at + find.length);
}

/** Everything the server and checks read from a model (the API graph is derived from these). */
function observable(model: TemplateModel) {
  return {
    format: model.source.format,
    root: model.source.root,
    syntax: model.source.problems,
    isTemplate: model.isTemplate,
    cfnRoot: model.root,
    resources: model.resources,
    parameters: [...model.parameters],
    conditions: [...model.conditions],
    graph: [...model.apigw.byLogicalId].map(([id, n]) => `${n.kind} ${id}`),
    problems: runChecks(model).problems,
  };
}

/** Every node and resource of a model with its spans, as text. */
const positions = (model: TemplateModel): string => JSON.stringify({ root: model.source.root, resources: model.resources });

function assertSame(builder: IncrementalModelBuilder, text: string, format: 'yaml' | 'json', what: string): TemplateModel {
  const incremental = builder.build(text, format);
  assert.deepStrictEqual(observable(incremental), observable(buildFullTemplateModel(text, format)), what);
  return incremental;
}

const scripts = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.edits.json'))
  .sort();

describe('incremental analysis: edit scripts', () => {
  for (const file of scripts) {
    it(file, () => {
      const script = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Script;
      let text = eol(readFileSync(join(FIXTURES, script.template), 'utf8'), script.eol);
      const builder = new IncrementalModelBuilder();
      assertSame(builder, text, script.format, 'initial text');
      assert.equal(builder.lastMode, script.initialMode, 'initial build mode');
      let previous = builder.build(text, script.format);
      script.steps.forEach((step, i) => {
        text = apply(text, step, script.eol);
        // The builder moves the spans of re-used blocks in place: when it gives up, the previous model must be untouched.
        const before = positions(previous);
        const model = assertSame(builder, text, script.format, `step ${i + 1}: ${step.why}`);
        if (step.mode === 'full') assert.equal(positions(previous), before, `step ${i + 1} (${step.why}): falling back changed the previous model`);
        previous = model;
        const ids = new Set(runChecks(model).problems.map((p) => p.id));
        for (const id of step.present ?? []) assert.ok(ids.has(id), `step ${i + 1} (${step.why}): ${id} expected`);
        for (const id of step.absent ?? []) assert.ok(!ids.has(id), `step ${i + 1} (${step.why}): ${id} not expected`);
        assert.equal(builder.lastMode, step.mode, `build mode after step ${i + 1}: ${step.why}`);
        if (step.parsed !== undefined) assert.equal(builder.lastParsedBlocks, step.parsed, `blocks parsed by step ${i + 1}: ${step.why}`);
      });
    });
  }
});

describe('incremental analysis: typing anywhere', () => {
  const templates = readdirSync(FIXTURES).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.edits.json'));
  for (const name of templates) {
    for (const kind of ['lf', 'crlf'] as const) {
      it(`${name} (${kind}): a character typed and deleted at every 17th offset`, () => {
        const format = name.endsWith('.json') ? 'json' : 'yaml';
        const original = eol(readFileSync(join(FIXTURES, name), 'utf8'), kind);
        const typed = ['x', ' ', '\n', '😀', ':'];
        const builder = new IncrementalModelBuilder();
        builder.build(original, format);
        for (let at = 0, k = 0; at <= original.length; at += 17, k++) {
          const t = typed[k % typed.length] as string;
          assertSame(builder, original.slice(0, at) + t + original.slice(at), format, `${JSON.stringify(t)} typed at ${at}`);
          assertSame(builder, original, format, `${JSON.stringify(t)} deleted at ${at}`);
        }
      });
    }
  }
});

describe('incremental analysis: re-splitting around an edit', () => {
  const common = (a: string, b: string) => {
    let prefix = 0;
    const max = Math.min(a.length, b.length);
    while (prefix < max && a[prefix] === b[prefix]) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
    return { prefix, suffix };
  };
  const templates = readdirSync(FIXTURES).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.edits.json'));
  for (const name of templates) {
    for (const kind of ['lf', 'crlf'] as const) {
      it(`${name} (${kind}): the lines around an edit split like the whole text`, () => {
        const original = eol(readFileSync(join(FIXTURES, name), 'utf8'), kind);
        const split = name.endsWith('.json') ? splitJson : splitYaml;
        const layout = split(original);
        assert.ok(layout, 'the fixture splits');
        const typed = name.endsWith('.json')
          ? ['x', ' ', '\n', '  ', '😀', ':', '}', '\n    "Extra": {\n      "Type": "AWS::SNS::Topic"\n    },\n', '\n  },\n  "Outputs": {\n', '\t']
          : ['x', ' ', '\n', '  ', '😀', ':', '&a', '\nOutputs:\n', '  Extra:\n    Type: AWS::SNS::Topic\n', '\t'];
        let resplitCount = 0;
        for (let at = 0, k = 0; at <= original.length; at += 7, k++) {
          const t = typed[k % typed.length] as string;
          for (const text of [original.slice(0, at) + t + original.slice(at), original.slice(0, at) + original.slice(at + 1 + (k % 9))]) {
            const { prefix, suffix } = common(original, text);
            const local = resplit(original, layout, text, prefix, suffix);
            if (!local) continue;
            resplitCount++;
            assert.deepStrictEqual(local, split(text), `${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))} at ${at}`);
          }
        }
        assert.ok(resplitCount > 20, `only ${resplitCount} edits were re-split locally`);
      });
    }
  }
});
