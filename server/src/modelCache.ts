// Per-document cache of the parsed model and its analysis, keyed by uri + version (the only place that parses documents).
// Each document keeps an IncrementalModelBuilder, so a new version re-parses only the resources whose text changed.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { forgetResources, IncrementalModelBuilder, runChecks, type AnalysisResult, type CheckSettings, type TemplateModel } from './core';
import { collectGarbageWhenIdle, collectPendingGarbage, noteWork } from './memory';

/** Documents at least this long (UTF-16 units) collect garbage after a parse from scratch and when they close. */
const LARGE_DOCUMENT = 1_000_000;
/** An incremental build that parsed this many resource blocks counts as a parse from scratch. */
const PARSED_BLOCKS = 1000;

export interface Analysed {
  readonly version: number;
  readonly model: TemplateModel;
  /** Computed lazily: completion and hover need only the model. */
  analysis(settings: CheckSettings): AnalysisResult;
}

/** languageId → parser hint. */
export function formatHint(doc: TextDocument): 'yaml' | 'json' | undefined {
  if (doc.languageId === 'json' || doc.languageId === 'jsonc') return 'json';
  if (doc.languageId === 'yaml') return 'yaml';
  return undefined;
}

export class ModelCache {
  private readonly entries = new Map<string, Analysed>();
  private readonly builders = new Map<string, IncrementalModelBuilder>();
  private readonly listeners: ((uri: string, model: TemplateModel) => void)[] = [];

  /** Calls `listener` with every model built (completion keeps the last one that parsed cleanly). */
  onModel(listener: (uri: string, model: TemplateModel) => void): void {
    this.listeners.push(listener);
  }

  get(doc: TextDocument): Analysed {
    noteWork();
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    let builder = this.builders.get(doc.uri);
    if (!builder) {
      builder = new IncrementalModelBuilder();
      this.builders.set(doc.uri, builder);
    }
    const text = doc.getText();
    if (text.length >= LARGE_DOCUMENT && !hit) collectPendingGarbage();
    const model = builder.build(text, formatHint(doc));
    // A parse from scratch (a full parse, or most blocks of a large document) leaves its garbage behind.
    if (text.length >= LARGE_DOCUMENT && (builder.lastMode === 'full' || builder.lastParsedBlocks >= PARSED_BLOCKS)) collectGarbageWhenIdle();
    let memo: { key: string; result: AnalysisResult } | undefined;
    const entry: Analysed = {
      version: doc.version,
      model,
      analysis(settings) {
        const key = JSON.stringify(settings.rules ?? {});
        if (!memo || memo.key !== key) memo = { key, result: runChecks(model, settings) };
        return memo.result;
      },
    };
    this.entries.set(doc.uri, entry);
    for (const l of this.listeners) l(doc.uri, model);
    return entry;
  }

  /** Drops the analysis of `uri` but keeps its parse cache: settings changed, the text did not. */
  invalidate(uri: string): void {
    this.entries.delete(uri);
  }

  /** Forgets `uri` entirely (the document closed). */
  delete(uri: string): void {
    const model = this.entries.get(uri)?.model;
    if (model) forgetResources(model);
    if ((model?.text.length ?? 0) >= LARGE_DOCUMENT) collectGarbageWhenIdle();
    this.entries.delete(uri);
    this.builders.delete(uri);
  }
}
