// Shared helpers of the completion and hover fixture tests: `<|>` cursor markers, line rendering, LF/CRLF variants, sidecar scenarios.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildTemplateModel, type TemplateModel } from '../../server/src/core';
import { parseScenarios, type Scenario } from '../../server/src/core/scenarios';

export const MARKER = '<|>';

export interface CursorFixture {
  readonly name: string;
  readonly format: 'yaml' | 'json';
  readonly raw: string;
  readonly expected: unknown[];
  readonly scenarios: Scenario[];
}

/** Every `*.yaml` / `*.json` template in `dir` with its `.expected.json` and optional `.apigw-scenarios.yaml`. */
export function loadFixtures(dir: string): CursorFixture[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json') && !f.endsWith('.apigw-scenarios.yaml'))
    .sort()
    .map((f) => {
      const base = f.replace(/\.(ya?ml|json)$/, '');
      const scenarioFile = resolve(dir, `${base}.apigw-scenarios.yaml`);
      const scenarios = existsSync(scenarioFile) ? parseScenarios(readFileSync(scenarioFile, 'utf8')).scenarios.map((s) => s.scenario) : [];
      return {
        name: f,
        format: f.endsWith('.json') ? 'json' : 'yaml',
        raw: readFileSync(resolve(dir, f), 'utf8'),
        expected: JSON.parse(readFileSync(resolve(dir, `${base}.expected.json`), 'utf8')) as unknown[],
        scenarios,
      } as const;
    });
}

/** The text without markers and the offset of each marker. */
export function stripMarkers(raw: string): { text: string; cursors: number[] } {
  const cursors: number[] = [];
  let text = '';
  let rest = raw;
  for (let i = rest.indexOf(MARKER); i >= 0; i = rest.indexOf(MARKER)) {
    text += rest.slice(0, i);
    cursors.push(text.length);
    rest = rest.slice(i + MARKER.length);
  }
  return { text: text + rest, cursors };
}

/** The fixture with LF line ends and with CRLF line ends (offsets and results must agree). */
export function variants(raw: string): { eol: string; raw: string }[] {
  const lf = raw.replace(/\r\n/g, '\n');
  return [
    { eol: 'LF', raw: lf },
    { eol: 'CRLF', raw: lf.replace(/\n/g, '\r\n') },
  ];
}

/** `L<n>: <line>` with `‸` at `offset` (or `[[…]]` around a span); the line trimmed at its start. */
export function renderAt(text: string, start: number, end?: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const e = end ?? start;
  const nl = text.indexOf('\n', e);
  const line = text.slice(lineStart, nl < 0 ? text.length : nl).replace(/\r$/, '');
  const mark = end === undefined ? '‸' : `[[${text.slice(start, end)}]]`;
  const shown = line.slice(0, start - lineStart) + mark + line.slice(e - lineStart);
  return `L${text.slice(0, start).split('\n').length}: ${shown.trimStart()}`;
}

/** The model of the text without the lines holding cursors: the "last good" version of half-typed text. */
export function modelWithoutCursorLines(text: string, cursors: readonly number[], format: 'yaml' | 'json'): TemplateModel {
  const drop = new Set(cursors.map((c) => text.slice(0, c).split('\n').length - 1));
  return buildTemplateModel(text.split('\n').filter((_l, i) => !drop.has(i)).join('\n'), format);
}
