// Hostile documents through parse → model → checks: nothing throws, the findings name the problem, results stay bounded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { buildTemplateModel, runChecks } from '../../server/src/core/index';
import { generateHostile, hostileCases } from '../support/hostile';

const cases = hostileCases(resolve(__dirname, '..', '..', '..'));

describe('hostile documents (core)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const text = generateHostile(c.generate, c.args);
      const model = buildTemplateModel(text, c.hint);
      const { problems, internalErrors } = runChecks(model);
      assert.deepEqual(internalErrors.map((e) => `${e.check}: ${String(e.error)}`), [], 'a check threw');
      const ids = new Set(problems.map((p) => p.id));
      for (const id of c.expect) assert.ok(ids.has(id), `expected ${id}; got ${[...ids].join(', ') || 'nothing'}`);
      for (const id of c.absent ?? []) assert.ok(!ids.has(id), `did not expect ${id}`);
      assert.ok(problems.length < 200, `${problems.length} problems: the result is not bounded`);
      for (const p of problems) {
        assert.ok(p.span.start >= 0 && p.span.end <= text.length && p.span.start <= p.span.end, `${p.id} span ${JSON.stringify(p.span)} outside the text`);
        assert.ok(p.message.length < 2000, `${p.id} message is ${p.message.length} characters long`);
      }
    });
  }
});
