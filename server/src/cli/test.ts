// `apigw-lens test <templates, scenario files or folders…> [--format text|json]`: replays saved Run Route scenarios and fails on a difference.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { buildTemplateModel, type TemplateModel } from '../core';
import { pickApi, prepareApi } from '../core/pipeline/snapshot';
import type { SimRequest } from '../core/pipeline/types';
import {
  comparableOutput,
  formatDifference,
  judgeScenario,
  parseScenarios,
  scenarioInput,
  scenarioRequest,
  scenariosPathFor,
  SCENARIOS_SUFFIX,
  toJson,
  type JsonObject,
  type JsonValue,
  type ScenarioVerdict,
} from '../core/scenarios';
import { clampTimeout, DEFAULT_RUN_TIMEOUT_MS, runRouteSandboxed } from '../sandbox/runRoute';
import { Sandbox } from '../sandbox/sandbox';
import { decodeText, expandPathsMatching } from './files';
import { positionIn } from './positions';
import { toRunJson } from './run';
import { parseFlags, type CliCommand, type CliIO } from './types';
const MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;

/** A problem in a scenarios file, 1-based line and column (UTF-16). */
interface FileProblem {
  line: number;
  column: number;
  message: string;
}

/** The report of one scenarios file. */
interface FileReport {
  /** The scenarios file, as given or found (relative to the working directory). */
  file: string;
  /** The template it runs against, or null when it could not be determined. */
  template: string | null;
  problems: FileProblem[];
  scenarios: (ScenarioVerdict & { line: number })[];
}

/** Where a scenarios file is and which template it replays, or why it cannot be run (exit code 2). */
type Job = { scenarios: string; template: string | undefined } | { ioError: string };

export const testCommand: CliCommand = {
  name: 'test',
  usage: 'apigw-lens test <templates, scenario files or folders…> [--format text|json] [--timeout <ms>]',
  summary: `Replay the Run Route scenarios saved next to templates (<template>${SCENARIOS_SUFFIX}); fail on any difference.`,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseFlags(args, { format: 'string', timeout: 'string' });
    } catch (e) {
      io.err(`apigw-lens test: ${(e as Error).message}\nusage: ${testCommand.usage}\n`);
      return 2;
    }
    const format = (parsed.flags.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') {
      io.err(`apigw-lens test: --format must be text or json (got "${format}")\n`);
      return 2;
    }
    const t = parsed.flags.timeout as string | undefined;
    const timeoutMs = t === undefined ? DEFAULT_RUN_TIMEOUT_MS : clampTimeout(Number(t), NaN);
    if (Number.isNaN(timeoutMs)) {
      io.err(`apigw-lens test: --timeout must be a positive number of milliseconds (got "${t}")\n`);
      return 2;
    }
    if (parsed.positional.length === 0) {
      io.err(`apigw-lens test: give at least one template, scenarios file or folder\nusage: ${testCommand.usage}\n`);
      return 2;
    }
    const display = (f: string) => relative(io.cwd, f) || f;
    const jobs = findJobs(parsed.positional.map((p) => resolve(io.cwd, p)), display);
    let ioProblem = false;
    for (const j of jobs) {
      if ('ioError' in j) {
        io.err(`apigw-lens test: ${j.ioError}\n`);
        ioProblem = true;
      }
    }
    const runnable = jobs.filter((j): j is Extract<Job, { scenarios: string }> => 'scenarios' in j);
    if (runnable.length === 0 && !ioProblem) {
      io.err(`apigw-lens test: no *${SCENARIOS_SUFFIX} files found\n`);
      return 2;
    }
    const sandbox = new Sandbox({ workerPath: join(__dirname, 'vtlWorker.js'), timeoutMs });
    const reports: FileReport[] = [];
    try {
      for (const job of runnable) {
        const report = await testFile(job.scenarios, job.template, { sandbox, timeoutMs }, display, io);
        if (report === 'io-error') ioProblem = true;
        else reports.push(report);
      }
    } finally {
      sandbox.dispose();
    }
    const all = reports.flatMap((r) => r.scenarios);
    const passed = all.filter((s) => s.status === 'passed').length;
    const summary = { scenarios: all.length, passed, failed: all.length - passed, fileProblems: reports.reduce((n, r) => n + r.problems.length, 0) };
    if (format === 'json') io.out(`${JSON.stringify({ files: reports.map(jsonReport), summary }, null, 2)}\n`);
    else if (reports.length > 0) io.out(textReport(reports, summary));
    if (ioProblem) return 2;
    return summary.failed > 0 || summary.fileProblems > 0 ? 1 : 0;
  },
};

/** Templates become their scenarios file; scenarios files name their template; folders yield every scenarios file below them. */
function findJobs(paths: readonly string[], display: (f: string) => string): Job[] {
  const jobs: Job[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      jobs.push({ ioError: `${display(p)}: no such file or folder` });
      continue;
    }
    if (isDir) {
      for (const f of expandPathsMatching([p], (name) => name.endsWith(SCENARIOS_SUFFIX)).files) jobs.push({ scenarios: f, template: undefined });
    } else if (p.endsWith(SCENARIOS_SUFFIX)) {
      jobs.push({ scenarios: p, template: undefined });
    } else {
      const scenarios = scenariosPathFor(p);
      if (!isFile(scenarios)) jobs.push({ ioError: `${display(p)}: no scenarios file ${basename(scenarios)} next to it (save a run from the Run Route panel, see docs/scenarios.md)` });
      else jobs.push({ scenarios, template: p });
    }
  }
  const seen = new Set<string>();
  return jobs.filter((j) => !('scenarios' in j) || (!seen.has(j.scenarios) && seen.add(j.scenarios)));
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The file's text, or undefined after telling why it cannot be read (`name`: the file as shown to the user). */
function readText(file: string, name: string, io: CliIO): string | undefined {
  try {
    const buf = readFileSync(file);
    if (buf.length > MAX_TEMPLATE_BYTES) {
      io.err(`apigw-lens test: ${name}: ${buf.length} bytes is above the ${MAX_TEMPLATE_BYTES}-byte limit\n`);
      return undefined;
    }
    return decodeText(buf);
  } catch (e) {
    io.err(`apigw-lens test: ${name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return undefined;
  }
}

/** The sandbox runs happen in, and their time limit. */
interface Runner {
  sandbox: Sandbox;
  timeoutMs: number;
}

async function testFile(scenariosFile: string, givenTemplate: string | undefined, runner: Runner, display: (f: string) => string, io: CliIO): Promise<FileReport | 'io-error'> {
  const text = readText(scenariosFile, display(scenariosFile), io);
  if (text === undefined) return 'io-error';
  const parsed = parseScenarios(text);
  const at = positionIn(text);
  const problems: FileProblem[] = parsed.problems.map((p) => ({ ...at(p.span.start), message: p.message }));
  const templatePath = givenTemplate ?? (parsed.template !== undefined ? resolve(dirname(scenariosFile), parsed.template) : undefined);
  const report: FileReport = { file: display(scenariosFile), template: templatePath ? display(templatePath) : null, problems, scenarios: [] };
  if (!templatePath) {
    if (parsed.problems.length === 0) problems.push({ line: 1, column: 1, message: 'The scenarios file has no `template` field naming the template to run (relative to this file).' });
    return report;
  }
  if (!isFile(templatePath)) {
    io.err(`apigw-lens test: ${display(scenariosFile)}: its template ${display(templatePath)} does not exist\n`);
    return 'io-error';
  }
  const templateText = readText(templatePath, display(templatePath), io);
  if (templateText === undefined) return 'io-error';
  const model = buildTemplateModel(templateText, /\.json$/i.test(templatePath) ? 'json' : undefined);
  for (const ps of parsed.scenarios) {
    const output = await runScenario(model, templateText, display(templatePath), scenarioRequest(scenarioInput(ps.scenario)), ps.scenario.api, runner);
    const verdict: ScenarioVerdict = 'problem' in output ? { name: ps.scenario.name, status: 'error', message: output.problem } : judgeScenario(ps.scenario, output.output);
    report.scenarios.push({ ...verdict, line: at(ps.span.start).line });
  }
  return report;
}

/** Runs one request through the gateway simulator in the sandbox; the output is what `apigw-lens run --format json` prints. */
async function runScenario(model: TemplateModel, text: string, file: string, request: SimRequest, apiId: string | undefined, runner: Runner): Promise<{ output: JsonObject } | { problem: string }> {
  if (!model.isTemplate) return { problem: 'The template is not a CloudFormation template (no Resources).' };
  const api = pickApi(model, apiId, undefined);
  if ('message' in api) return { problem: `${api.message}.` };
  const trace = await runRouteSandboxed(runner.sandbox, prepareApi(model, api), request, {}, runner.timeoutMs);
  return { output: comparableOutput(toJson(toRunJson(trace, text, file)) as JsonObject) };
}

function jsonReport(r: FileReport): unknown {
  return {
    file: r.file,
    template: r.template,
    problems: r.problems,
    scenarios: r.scenarios.map((s) => {
      if (s.status === 'passed') return { name: s.name, line: s.line, status: s.status };
      if (s.status === 'error') return { name: s.name, line: s.line, status: s.status, message: s.message };
      return {
        name: s.name,
        line: s.line,
        status: s.status,
        differences: s.differences.map((d) => ({ field: d.field, expected: d.expected, ...(d.actual === undefined ? { missing: true } : { actual: d.actual as JsonValue }) })),
      };
    }),
  };
}

function textReport(reports: readonly FileReport[], summary: { scenarios: number; passed: number; failed: number; fileProblems: number }): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.file}${r.template ? ` (${r.template})` : ''}`);
    for (const p of r.problems) lines.push(`  ${r.file}:${p.line}:${p.column} error ${p.message}`);
    for (const s of r.scenarios) {
      if (s.status === 'passed') {
        lines.push(`  ✓ ${s.name}`);
        continue;
      }
      lines.push(`  ✗ ${s.name} (${r.file}:${s.line})`);
      if (s.status === 'error') lines.push(`      ${s.message}`);
      else for (const d of s.differences) for (const l of formatDifference(d)) lines.push(`      ${l}`);
    }
    if (r.scenarios.length === 0 && r.problems.length === 0) lines.push('  (no scenarios)');
  }
  const problems = summary.fileProblems ? `, ${summary.fileProblems} problem(s) in scenarios files` : '';
  lines.push('', `${summary.scenarios} scenario(s): ${summary.passed} passed, ${summary.failed} failed${problems}`);
  return `${lines.join('\n')}\n`;
}
