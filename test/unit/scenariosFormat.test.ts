// Unit tests of the scenarios file format: parsing with positioned problems, and the YAML emitter's round trip.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenarios, toJsonValue, type JsonValue } from '../../server/src/core/scenarios';
import { emitMap, emitSeq } from '../../server/src/core/scenarios/yamlEmit';
import { parseSource } from '../../server/src/core';

const DIR = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'scenarios');
const read = (p: string) => readFileSync(resolve(DIR, p), 'utf8');
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('parseScenarios', () => {
  const files = readdirSync(resolve(DIR, 'parse')).filter((f) => f.endsWith('.apigw-scenarios.yaml'));
  it('finds its fixtures', () => assert.ok(files.length > 0, `no scenario fixtures in ${resolve(DIR, 'parse')}`));
  for (const file of files) {
    const base = file.replace('.apigw-scenarios.yaml', '');
    it(`reads ${file} as ${base}.expected.json says`, () => {
      const text = read(`parse/${file}`);
      const expected = JSON.parse(read(`parse/${base}.expected.json`)) as Record<string, unknown>;
      const parsed = parseScenarios(text);
      assert.deepEqual(
        {
          template: parsed.template ?? null,
          scenarios: parsed.scenarios.map((s) => s.scenario),
          names: parsed.scenarios.map((s) => ({ name: s.scenario.name, line: lineOf(text, s.nameSpan.start) })),
          problems: parsed.problems.map((p) => ({ line: lineOf(text, p.span.start), text: text.slice(p.span.start, p.span.end), message: p.message })),
        },
        expected,
      );
    });
  }

  it('keeps a __proto__ key as data', () => {
    const parsed = parseScenarios('scenarios:\n  - name: p\n    backend: { __proto__: { polluted: true } }\n    expect: { __proto__: 1 }\n');
    const s = parsed.scenarios[0]?.scenario;
    assert.ok(s);
    assert.deepEqual(Object.keys(s.backend ?? {}), ['__proto__']);
    assert.equal(Object.getPrototypeOf(s.backend), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(s.expect), ['__proto__']);
  });

  it('reads an empty file as no scenarios and no problems', () => {
    assert.deepEqual(parseScenarios(''), { template: undefined, scenarios: [], problems: [] });
    assert.deepEqual(parseScenarios('# nothing yet\n'), { template: undefined, scenarios: [], problems: [] });
  });
});

describe('YAML emitter', () => {
  const { values } = JSON.parse(read('roundtrip.json')) as { values: JsonValue[] };
  it('writes every fixture value so that it reads back identically, as a map value and as a list item, at any depth', () => {
    const failures: { value: JsonValue; yaml: string; back: JsonValue; problems: string[] }[] = [];
    for (const value of values) {
      for (const yaml of [`${emitMap({ v: value }, '')}\n`, `${emitMap({ outer: { inner: [{ v: value }] } }, '')}\n`, `${emitSeq([value, 'after'], '    ')}\n`]) {
        const source = parseSource(yaml, 'yaml');
        const got = toJsonValue(source.root);
        const want = yaml.startsWith('    -') ? [value, 'after'] : yaml.startsWith('outer') ? { outer: { inner: [{ v: value }] } } : { v: value };
        const problems = source.problems.map((p) => p.message);
        if (problems.length || !isDeep(got, want)) failures.push({ value, yaml, back: got, problems });
      }
    }
    assert.deepEqual(failures, []);
  });

  it('keeps common scenario values readable', () => {
    assert.equal(
      emitMap({ name: 'hello world', message: '{"action":"message"}', event: 'message', stage: 'true', body: 'a\nb\n', count: 2, none: null, list: [], map: {} }, ''),
      "name: hello world\nmessage: '{\"action\":\"message\"}'\nevent: message\nstage: 'true'\nbody: |\n  a\n  b\ncount: 2\nnone: null\nlist: []\nmap: {}",
    );
  });
});

function isDeep(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
