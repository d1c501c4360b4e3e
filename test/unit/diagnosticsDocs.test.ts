// docs/diagnostics.md against the rule registry: one section per id (at the anchor docUrlFor links to) with its severity,
// a bad and a good example; complete-template examples really produce (bad) or avoid (good) the finding; and every
// message the checks emit on the fixtures says how to fix the problem.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allRules, buildTemplateModel, docUrlFor, runChecks } from '../../server/src/core/index';
import { checkFixtureFiles, parseYamlAnnotations } from '../support/annotations';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const DOC = readFileSync(resolve(REPO_ROOT, 'docs', 'diagnostics.md'), 'utf8');
const FIXTURES = resolve(REPO_ROOT, 'test', 'fixtures', 'checks');

interface Example {
  readonly lang: string;
  readonly code: string;
}

interface Section {
  readonly id: string;
  /** Prose outside code blocks. */
  readonly prose: string;
  readonly bad: Example | undefined;
  readonly good: Example | undefined;
}

/** `## apigw/<id>` sections; headings inside code blocks do not count. The example after a `Bad:`/`Good:` line is taken. */
function sections(markdown: string): Section[] {
  const out: Section[] = [];
  let current: { id: string; prose: string[]; bad?: Example; good?: Example } | undefined;
  let fence: { lang: string; lines: string[] } | undefined;
  let label: 'bad' | 'good' | undefined;
  const flush = () => current && out.push({ id: current.id, prose: current.prose.join('\n'), bad: current.bad, good: current.good });
  for (const line of markdown.split(/\r?\n/)) {
    if (fence) {
      if (line.startsWith('```')) {
        if (current && label) current[label] ??= { lang: fence.lang, code: fence.lines.join('\n') };
        fence = undefined;
        label = undefined;
      } else fence.lines.push(line);
      continue;
    }
    if (line.startsWith('```')) {
      fence = { lang: line.slice(3).trim(), lines: [] };
      continue;
    }
    const heading = /^(#{1,2}) (.*)$/.exec(line);
    if (heading) {
      flush();
      const id = heading[1] === '##' ? /^(apigw\/\S+)\s*$/.exec(heading[2] ?? '')?.[1] : undefined;
      current = id ? { id, prose: [] } : undefined;
      continue;
    }
    if (/^(\*\*)?Bad(\*\*)?:/.test(line)) label = 'bad';
    else if (/^(\*\*)?Good(\*\*)?:/.test(line)) label = 'good';
    current?.prose.push(line);
  }
  flush();
  return out;
}

/** The anchor GitHub gives a `## <text>` heading. */
function githubAnchor(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/** Ids of the findings of a complete-template example, or undefined when the example is only a fragment. */
function findingsOf(example: Example): string[] | undefined {
  const template = example.lang === 'yaml' ? /^Resources:/m.test(example.code) : example.lang === 'json' && /"Resources"/.test(example.code);
  if (!template) return undefined;
  const model = buildTemplateModel(example.code, example.lang === 'json' ? 'json' : 'yaml');
  const result = runChecks(model);
  assert.deepEqual(result.internalErrors, []);
  return result.problems.map((p) => p.id);
}

const rules = allRules();
const docs = sections(DOC);

describe('docs/diagnostics.md', () => {
  it('documents each id once, and only ids that exist', () => {
    const documented = docs.map((s) => s.id);
    assert.deepEqual(documented.filter((id, i) => documented.indexOf(id) !== i), [], 'ids documented twice');
    assert.deepEqual(documented.filter((id) => !rules.some((r) => r.id === id)).sort(), [], 'sections for ids that do not exist');
    assert.deepEqual(rules.map((r) => r.id).filter((id) => !documented.includes(id)).sort(), [], 'ids without a section');
  });

  for (const rule of rules) {
    const section = docs.find((s) => s.id === rule.id);
    it(`${rule.id}: section with severity, bad and good example`, () => {
      assert.ok(section, `no "## ${rule.id}" section`);
      assert.equal(docUrlFor(rule.id).split('#')[1], githubAnchor(rule.id), 'the doc link points at this heading');
      assert.match(section.prose, new RegExp(`\\b${rule.severity}\\b`, 'i'), `the section names the default severity ${rule.severity}`);
      assert.ok(section.prose.replace(/\s+/g, ' ').length > 80, 'the section explains what is wrong and why');
      assert.ok(section.bad && section.bad.code.trim(), 'a bad example');
      assert.ok(section.good && section.good.code.trim(), 'a good example');
      assert.notEqual(section.bad.code.trim(), section.good.code.trim(), 'the examples differ');
    });
    const bad = section?.bad ? findingsOf(section.bad) : undefined;
    const good = section?.good ? findingsOf(section.good) : undefined;
    if (bad) it(`${rule.id}: the bad example produces it`, () => assert.ok(bad.includes(rule.id), `found only ${JSON.stringify(bad)}`));
    if (good) it(`${rule.id}: the good example does not`, () => assert.ok(!good.includes(rule.id), `found ${JSON.stringify(good)}`));
  }
});

/** Words that introduce a fix in a message ("Add …", "Remove …", "Did you mean …", "must be …"). */
const HOW_TO_FIX = /\b(add|remove|use|change|write|set|quote|move|rename|check|declare|shorten|point|merge|make|replace|escape|indent|split|fix|flatten|choose|wrap|did you mean|spelling|usually|must|should|needs?|only|instead|such as|for example)\b/i;

describe('diagnostic messages say how to fix', () => {
  const seen = new Set<string>();
  for (const file of checkFixtureFiles(FIXTURES)) {
    const text = readFileSync(file, 'utf8');
    const json = file.endsWith('.json');
    const settings = json ? {} : (parseYamlAnnotations(text).settings ?? {});
    const problems = runChecks(buildTemplateModel(text, json ? 'json' : 'yaml'), settings).problems;
    for (const p of problems) {
      const key = `${p.id}\u0000${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      it(`${p.id}: ${p.message.slice(0, 60)}…`, () => {
        assert.ok(p.message.length >= 40, 'the message is more than a label');
        assert.match(p.message, HOW_TO_FIX, 'the message suggests a fix');
      });
    }
  }
  it('covers every rule', () => {
    const ids = new Set([...seen].map((k) => k.split('\u0000')[0]));
    assert.deepEqual(rules.map((r) => r.id).filter((id) => !ids.has(id)), []);
  });
});
