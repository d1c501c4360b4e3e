// Builds the input of completion and hover for a document: the cached model, the last model that was a template (for
// half-typed text), and the saved Run Route scenarios read from `<template>.apigw-scenarios.yaml` next to the file.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageInput, TemplateModel } from './core';
import { parseScenarios, scenariosPathFor, type Scenario } from './core/scenarios';
import type { ServerContext } from './serverContext';

interface ScenarioCacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly scenarios: readonly Scenario[];
}

/** Per-server state: the last good model of each document and parsed scenario files. */
export class LanguageInputs {
  private readonly lastGood = new Map<string, TemplateModel>();
  private readonly scenarioFiles = new Map<string, ScenarioCacheEntry>();

  constructor(private readonly ctx: ServerContext) {
    ctx.cache.onModel((uri, model) => {
      if (model.isTemplate && model.source.problems.every((p) => p.severity !== 'error')) this.lastGood.set(uri, model);
    });
    ctx.documents.onDidClose((e) => this.lastGood.delete(e.document.uri));
  }

  /** The input for `uri`, or undefined when the document is not (and never was) an analysable template. */
  get(uri: string): { doc: TextDocument; input: LanguageInput } | undefined {
    const settings = this.ctx.settings();
    const doc = this.ctx.documents.get(uri);
    if (!settings.enable || !doc || doc.getText().length > settings.maxFileSize) return undefined;
    const model = this.ctx.cache.get(doc).model;
    const fallback = this.lastGood.get(uri);
    if (!model.isTemplate && !fallback) return undefined;
    const scenarios = this.scenariosFor(uri);
    return { doc, input: { model, ...(fallback && fallback !== model ? { fallback } : {}), data: { scenarios } } };
  }

  /** Scenarios saved next to a file: template; re-read only when the file changed. Missing or unreadable: none. */
  private scenariosFor(uri: string): readonly Scenario[] {
    if (!uri.startsWith('file:')) return [];
    let path: string;
    try {
      path = scenariosPathFor(fileURLToPath(uri));
    } catch {
      return [];
    }
    try {
      const st = statSync(path);
      const hit = this.scenarioFiles.get(path);
      if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.scenarios;
      const scenarios = parseScenarios(readFileSync(path, 'utf8')).scenarios.map((s) => s.scenario);
      this.scenarioFiles.set(path, { mtimeMs: st.mtimeMs, size: st.size, scenarios });
      return scenarios;
    } catch {
      this.scenarioFiles.delete(path);
      return [];
    }
  }
}

const perServer = new WeakMap<ServerContext, LanguageInputs>();

/** The shared LanguageInputs of a server (completion and hover use the same one). */
export function languageInputs(ctx: ServerContext): LanguageInputs {
  let l = perServer.get(ctx);
  if (!l) perServer.set(ctx, (l = new LanguageInputs(ctx)));
  return l;
}
