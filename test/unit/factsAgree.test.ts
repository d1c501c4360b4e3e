// The checker's enum table (core/checks/values.ts) and the completion/hover facts (core/language/resourceFacts.ts)
// describe the same properties; until they are one table, this keeps them from drifting apart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENUMS } from '../../server/src/core/checks/values';
import { propertyFact } from '../../server/src/core/language/resourceFacts';

describe('enum values: checks and completion agree', () => {
  it('has entries', () => assert.ok(ENUMS.length > 5));
  for (const e of ENUMS) {
    const path = e.path.map((p) => (p === '*' ? 'someRouteKey' : p));
    it(`${e.kind}.${e.path.join('.')}`, () => {
      const fact = propertyFact(`AWS::ApiGatewayV2::${e.kind}`, path);
      assert.ok(fact, `resourceFacts has no ${e.kind}.${e.path.join('.')}`);
      assert.deepEqual([...(fact.values ?? [])].sort(), [...e.values].sort());
    });
  }
});
