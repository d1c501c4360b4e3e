// The walkthrough's sample template has exactly the mistake its "fix a diagnostic" step describes, and its quick fix leaves a clean template.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildTemplateModel, runChecks, type TextEdit } from '../../server/src/core';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const SAMPLE = readFileSync(join(REPO_ROOT, 'media/walkthrough/sample-websocket.yaml'), 'utf8');
const STEP = readFileSync(join(REPO_ROOT, 'media/walkthrough/fix-diagnostic.md'), 'utf8');

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

describe('walkthrough sample', () => {
  const { problems } = runChecks(buildTemplateModel(SAMPLE));

  it('has one problem, the one the step names', () => {
    assert.deepEqual(problems.map((p) => p.id), ['apigw/integration-response-key-format']);
    assert.ok(STEP.includes(problems[0]!.id), 'fix-diagnostic.md does not name the diagnostic id');
  });

  it('the quick fix the step tells the user to choose exists and leaves no problem', () => {
    const fix = problems[0]!.fixes?.find((f) => STEP.includes(f.title));
    assert.ok(fix, `none of ${JSON.stringify(problems[0]!.fixes?.map((f) => f.title))} is named in fix-diagnostic.md`);
    const fixed = applyEdits(SAMPLE, fix.edits);
    assert.deepEqual(runChecks(buildTemplateModel(fixed)).problems.map((p) => p.id), []);
  });
});
