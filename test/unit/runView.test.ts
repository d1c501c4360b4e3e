// Unit tests of the Run Route panel's pure conversions: route under the cursor, first inputs, panel input → SimRequest → scenario input, recent messages.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunApiInfo } from '../../server/src/protocol';
import type { RunRouteResult } from '../../server/src/protocol';
import { choiceAtLine, initialInput, rememberRecent, runChoices, toRunView, toScenarioInput, toSession, toSimRequest, type RunTargetChoice } from '../../client/src/runView';
import { isHostMessage, type RunInputView } from '../../client/src/webviewMessages';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'runView');
const read = (p: string) => readFileSync(resolve(DIR, p), 'utf8');
const { apis } = JSON.parse(read('apis.json')) as { apis: RunApiInfo[] };
const lines = read('lines.txt').split('\n');
const cases = JSON.parse(read('cases.json')) as {
  choiceAtLine: { line: number; choice: string | null }[];
  initialInput: { choice: string; input: RunInputView }[];
  toSimRequest: { name: string; choice: string; input: RunInputView; result: unknown; scenario?: unknown }[];
  rememberRecent: { recent: string[]; message: string; result: string[] }[];
};

const choices = runChoices(apis);
const nameOf = (c: RunTargetChoice | undefined) => (c ? (c.route ? `${c.api.logicalId}/${c.route.logicalId}` : c.api.logicalId) : null);
const choice = (name: string): RunTargetChoice => {
  const c = choices.find((x) => nameOf(x) === name);
  assert.ok(c, `no choice ${name}`);
  return c;
};

describe('runView', () => {
  it('lists the choices in document order, HTTP APIs first among their routes', () => {
    assert.deepEqual(choices.map(nameOf), ['ChatApi/MessageRoute', 'ChatApi/ConnectRoute', 'PetsApi', 'PetsApi/GetPet']);
  });

  it('finds the route whose resource holds the cursor', () => {
    assert.deepEqual(
      cases.choiceAtLine.map((c) => ({ line: c.line, choice: nameOf(choiceAtLine(lines, c.line, choices)) })),
      cases.choiceAtLine,
    );
  });

  it('pre-fills the inputs from the route and the first stage', () => {
    assert.deepEqual(
      cases.initialInput.map((c) => ({ choice: c.choice, input: initialInput(choice(c.choice)) })),
      cases.initialInput,
    );
  });

  for (const c of cases.toSimRequest) {
    it(`reads the panel input: ${c.name}`, () => {
      const got = toSimRequest(c.input, choice(c.choice));
      assert.deepEqual(got, c.result);
      if ('request' in got) assert.deepEqual(toScenarioInput(got.request, choice(c.choice), apis.length), c.scenario);
    });
  }

  it('keeps recent messages newest first, unique, at most ten', () => {
    assert.deepEqual(
      cases.rememberRecent.map((c) => ({ ...c, result: rememberRecent(c.recent, c.message) })),
      cases.rememberRecent,
    );
  });

  const results = JSON.parse(read('results.json')) as { cases: { name: string; result: RunRouteResult; view: unknown }[] };
  for (const c of results.cases) {
    it(`shows the run: ${c.name}`, () => {
      const view = toRunView(c.result);
      // What postMessage delivers: undefined members dropped.
      assert.deepEqual(JSON.parse(JSON.stringify(view)), c.view);
      assert.equal(isHostMessage(JSON.parse(JSON.stringify({ type: 'result', run: view, reason: 'user' }))), true, 'the view passes the webview guard');
    });
  }

  it('describes the session of every choice, with its backend presets', () => {
    const sessions = JSON.parse(read('sessions.json')) as { cases: { choice: string; session: unknown }[] };
    const got = choices.map((c) => ({ choice: nameOf(c) as string, session: toSession(c, 'file:///w/t.yaml', 't.yaml', initialInput(c), ['{"action":"message"}']) }));
    assert.deepEqual(JSON.parse(JSON.stringify(got)), sessions.cases);
    for (const g of got) assert.equal(isHostMessage(JSON.parse(JSON.stringify({ type: 'session', session: g.session }))), true, `${g.choice} passes the webview guard`);
  });
});
