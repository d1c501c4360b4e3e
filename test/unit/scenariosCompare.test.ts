// Unit tests of comparing scenario expectations with run outputs and of the readable difference report.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareExpectations, expectationsFromOutput, formatDifference, type JsonObject } from '../../server/src/core/scenarios';

const fixture = JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'scenarios', 'compare.json'), 'utf8')) as {
  cases: { name: string; expect: JsonObject; actual: JsonObject; report: string[] }[];
  expectationsFromOutput: { output: JsonObject; expect: JsonObject };
};

describe('compareExpectations + formatDifference', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      assert.deepEqual(compareExpectations(c.expect, c.actual).flatMap(formatDifference), c.report);
    });
  }
});

describe('expectationsFromOutput', () => {
  it('keeps the comparable fields of a run output, in a fixed order, without steps', () => {
    const got = expectationsFromOutput(fixture.expectationsFromOutput.output);
    assert.deepEqual(got, fixture.expectationsFromOutput.expect);
    assert.deepEqual(Object.keys(got), Object.keys(fixture.expectationsFromOutput.expect));
    assert.deepEqual(compareExpectations(got, fixture.expectationsFromOutput.output), []);
  });
});
