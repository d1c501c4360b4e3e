// `apigw-lens check <files or folders…> [--format text|json|sarif]`: the editor's diagnostics, for CI.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { positionIn } from './positions';
import { allRules, buildTemplateModel, docUrlFor, runChecks, type Problem } from '../core';
import { decodeText, expandPaths } from './files';
import { parseFlags, UsageError, type CliCommand, type CliIO } from './types';

/** One finding, positions 1-based (line, and column in UTF-16 code units) as editors and SARIF show them. */
export interface CheckFinding {
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  severity: Problem['severity'];
  id: string;
  message: string;
}

const MAX_BYTES = 20 * 1024 * 1024;

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'apigw-lens check <files or folders…> [--format text|json|sarif] [--max-size <bytes>]',
  summary: 'Report API Gateway V2 problems in CloudFormation/SAM templates (folders are searched for .yaml/.yml/.json/.template).',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseFlags(args, { format: 'string', 'max-size': 'string' });
    } catch (e) {
      io.err(`apigw-lens check: ${(e as Error).message}\n`);
      return 2;
    }
    const format = (parsed.flags.format as string | undefined) ?? 'text';
    if (!['text', 'json', 'sarif'].includes(format)) {
      io.err(`apigw-lens check: --format must be text, json or sarif (got "${format}")\n`);
      return 2;
    }
    const maxBytes = parsed.flags['max-size'] !== undefined ? Number(parsed.flags['max-size']) : MAX_BYTES;
    if (!Number.isFinite(maxBytes) || maxBytes <= 0) throw new UsageError('--max-size must be a positive number of bytes');
    if (parsed.positional.length === 0) {
      io.err(`apigw-lens check: give at least one file or folder\nusage: ${checkCommand.usage}\n`);
      return 2;
    }
    const { files, missing } = expandPaths(parsed.positional);
    let ioProblem = missing.length > 0;
    for (const m of missing) io.err(`apigw-lens check: ${m}: no such file or folder\n`);
    const findings: CheckFinding[] = [];
    let templates = 0;
    for (const file of files) {
      const result = checkFile(file, maxBytes, io);
      if (result === 'io-error') {
        ioProblem = true;
        continue;
      }
      if (result.template) templates++;
      findings.push(...result.findings);
    }
    const display = (f: string) => relative(io.cwd, f) || f;
    if (format === 'json') io.out(`${JSON.stringify(findings.map((f) => ({ ...f, file: display(f.file) })), null, 2)}\n`);
    else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(findings, (f) => sarifUri(f, io.cwd)), null, 2)}\n`);
    else {
      for (const f of findings) io.out(`${display(f.file)}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.id} ${f.message}\n`);
      const count = (s: string) => findings.filter((f) => f.severity === s).length;
      io.out(`${files.length} file(s) checked, ${templates} template(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info') + count('hint')} info\n`);
    }
    if (ioProblem) return 2;
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};

/** Checks one file; non-templates yield no findings. */
export function checkFile(file: string, maxBytes: number, io: CliIO): { template: boolean; findings: CheckFinding[] } | 'io-error' {
  let text: string;
  try {
    const buf = readFileSync(file);
    if (buf.length > maxBytes) {
      io.err(`apigw-lens check: ${file}: ${buf.length} bytes is above the ${maxBytes}-byte limit (--max-size); not analysed\n`);
      return { template: false, findings: [] };
    }
    if (buf.includes(0)) return { template: false, findings: [] }; // binary
    text = decodeText(buf);
  } catch (e) {
    io.err(`apigw-lens check: ${file}: ${(e as Error).message}\n`);
    return 'io-error';
  }
  const model = buildTemplateModel(text, /\.json$/i.test(file) ? 'json' : undefined);
  if (!model.isTemplate) return { template: false, findings: [] };
  const { problems, internalErrors } = runChecks(model);
  for (const e of internalErrors) io.err(`apigw-lens check: internal error in check ${e.check} on ${file}: ${e.error}\n`);
  const pos = positionIn(text);
  return {
    template: true,
    findings: problems.map((p) => ({ file, range: { start: pos(p.span.start), end: pos(p.span.end) }, severity: p.severity, id: p.id, message: p.message })),
  };
}

/**
 * The SARIF artifact URI of `file`: a relative URI reference (segments percent-encoded, `/` separators) for files under
 * `cwd`, so code scanning places them in the repository; an absolute `file:` URI for files elsewhere.
 */
export function sarifUri(file: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (rel === '' || /^\.\.($|[\\/])/.test(rel) || isAbsolute(rel)) return pathToFileURL(absolute).href;
  return rel.split(/[\\/]/).map(encodeURIComponent).join('/');
}

const SARIF_LEVEL: Record<Problem['severity'], string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 with one rule per diagnostic id; `uri` gives each file's artifact URI. */
export function toSarif(findings: readonly CheckFinding[], uri: (f: string) => string): unknown {
  const rules = allRules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'apigw-lens',
            informationUri: 'https://github.com/apigw-lens/apigw-lens',
            version: '0.1.0',
            rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.title }, helpUri: docUrlFor(r.id), defaultConfiguration: { level: SARIF_LEVEL[r.severity] } })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.id,
          ...(index.has(f.id) ? { ruleIndex: index.get(f.id) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(f.file) },
                region: { startLine: f.range.start.line, startColumn: f.range.start.column, endLine: f.range.end.line, endColumn: f.range.end.column },
              },
            },
          ],
        })),
      },
    ],
  };
}
