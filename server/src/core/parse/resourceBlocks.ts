// Splits a template's text into a skeleton and one text block per entry of its top-level Resources mapping, by lines only. Pure.
//
// The split is a guess that the caller verifies by parsing: it returns undefined for anything it does not recognise
// (flow-style or quoted Resources, tabs in the indentation, anchors/aliases, a line at the resource indentation that
// is not a plain key, …), and every block must then parse on its own to exactly one entry without any problem.

/** One resource entry: its text is `text.slice(start, end)` (whole lines, trailing blank and comment lines included). */
export interface ResourceBlock {
  readonly logicalId: string;
  readonly start: number;
  readonly end: number;
}

export interface ResourceLayout {
  readonly format: 'yaml' | 'json';
  /** Resource entries in document order; never empty. */
  readonly blocks: readonly ResourceBlock[];
  /** `text.slice(0, blocks[0].start)`: everything before the first resource (ends with the `Resources` key line). */
  readonly headEnd: number;
  /** Start of everything after the last resource. */
  readonly tailStart: number;
}

/** Lines of `text` as [start, end-without-line-break) pairs. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

interface Line {
  readonly start: number;
  /** End of the line's content, before `\r\n` / `\n`. */
  readonly end: number;
  /** Number of leading spaces; -1 for a line whose indentation contains a tab. */
  readonly indent: number;
  /** Blank or comment-only line (YAML). */
  readonly blank: boolean;
}

function lineAt(text: string, start: number, next: number): Line {
  let end = next;
  if (end > start && text.charCodeAt(end - 1) === 10) end--;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  const tab = i < end && text.charCodeAt(i) === 9;
  const blank = i === end || text.charCodeAt(i) === 35 /* # */ || (tab && /^[ \t]*(#.*)?$/.test(text.slice(start, end)));
  return { start, end, indent: tab ? -1 : i - start, blank };
}

const YAML_RESOURCES = /^Resources:[ \t]*(#.*)?$/;
const YAML_KEY = /^([A-Za-z0-9][A-Za-z0-9_.-]*):(?:[ \t]|$)/;
/** An anchor or alias token (`&x`, `*x`) where YAML would read one; a false positive only costs a full parse. */
const YAML_ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][^\s,[\]{}]/;

/** The YAML layout, or undefined when the text is not a plain block-style template this splitter understands. */
export function splitYaml(text: string): ResourceLayout | undefined {
  if (YAML_ANCHOR_OR_ALIAS.test(text) || /^(%|---|\.\.\.)/m.test(text.replace(/^\uFEFF?---[ \t]*\r?\n/, ''))) return undefined;
  const starts = lineStarts(text);
  const lines = starts.map((s, i) => lineAt(text, s, starts[i + 1] ?? text.length));
  const header = lines.findIndex((l) => l.indent === 0 && YAML_RESOURCES.test(text.slice(l.start, l.end)));
  if (header < 0 || lines.findIndex((l, i) => i > header && l.indent === 0 && YAML_RESOURCES.test(text.slice(l.start, l.end))) >= 0) return undefined;
  const blocks: { logicalId: string; start: number }[] = [];
  let indent = -1;
  let tailStart = text.length;
  for (let i = header + 1; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (l.indent < 0) return undefined;
    if (l.blank) continue;
    if (indent < 0) {
      if (l.indent === 0) return undefined; // `Resources:` with no entries
      indent = l.indent;
    }
    if (l.indent < indent) {
      if (l.indent !== 0) return undefined;
      tailStart = l.start;
      break;
    }
    if (l.indent > indent) continue;
    const key = YAML_KEY.exec(text.slice(l.start + indent, l.end));
    if (!key?.[1]) return undefined;
    blocks.push({ logicalId: key[1], start: l.start });
  }
  return finish('yaml', blocks, tailStart);
}

const JSON_RESOURCES = /^"Resources"[ \t]*:[ \t]*\{[ \t]*$/;
const JSON_KEY = /^"([A-Za-z0-9][A-Za-z0-9_.-]*)"[ \t]*:/;

/** The layout of pretty-printed JSON (one member per line), or undefined. */
export function splitJson(text: string): ResourceLayout | undefined {
  const starts = lineStarts(text);
  const lines = starts.map((s, i) => lineAt(text, s, starts[i + 1] ?? text.length));
  const firstKey = lines.findIndex((l) => l.indent >= 0 && text[l.start + l.indent] === '"');
  const top = lines[firstKey]?.indent ?? -1;
  if (top <= 0 || !/^\s*\{\s*$/.test(text.slice(0, lines[firstKey]?.start ?? 0))) return undefined;
  const header = lines.findIndex((l) => l.indent === top && JSON_RESOURCES.test(text.slice(l.start + top, l.end)));
  if (header < 0) return undefined;
  const blocks: { logicalId: string; start: number }[] = [];
  let indent = -1;
  let tailStart = -1;
  for (let i = header + 1; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (l.indent < 0) return undefined;
    if (l.start + l.indent === l.end) continue;
    if (indent < 0) {
      if (l.indent <= top) return undefined;
      indent = l.indent;
    }
    if (l.indent < indent) {
      if (l.indent !== top) return undefined;
      tailStart = l.start;
      break;
    }
    if (l.indent > indent) continue;
    const c = text[l.start + indent];
    if (c === '}' || c === ']') continue;
    const key = JSON_KEY.exec(text.slice(l.start + indent, l.end));
    if (!key?.[1]) return undefined;
    blocks.push({ logicalId: key[1], start: l.start });
  }
  if (tailStart < 0) return undefined;
  return finish('json', blocks, tailStart);
}

function finish(format: 'yaml' | 'json', found: { logicalId: string; start: number }[], tailStart: number): ResourceLayout | undefined {
  const first = found[0];
  if (!first) return undefined;
  const ids = new Set<string>();
  const blocks: ResourceBlock[] = [];
  for (let i = 0; i < found.length; i++) {
    const b = found[i] as { logicalId: string; start: number };
    if (ids.has(b.logicalId)) return undefined; // duplicate logical ids: the full parse reports them
    ids.add(b.logicalId);
    blocks.push({ logicalId: b.logicalId, start: b.start, end: found[i + 1]?.start ?? tailStart });
  }
  return { format, blocks, headEnd: first.start, tailStart };
}
