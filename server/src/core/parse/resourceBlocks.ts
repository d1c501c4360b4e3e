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

/** Walks the lines of a text one at a time without materialising them (a mutable cursor: large templates have 100 000 lines). */
class LineCursor {
  start = 0;
  /** End of the line's content, before `\r\n` / `\n`. */
  end = 0;
  /** Start of the next line. */
  next = 0;
  /** Number of leading spaces; -1 for a line whose indentation contains a tab. */
  indent = 0;
  /** Blank or comment-only line (YAML). */
  blank = false;
  constructor(private readonly text: string) {}

  /** Moves to the line that starts at `at`; false past the end of the text. */
  moveTo(at: number): boolean {
    const text = this.text;
    if (at > text.length || (at === text.length && at > 0 && text.charCodeAt(at - 1) === 10)) return false;
    const nl = text.indexOf('\n', at);
    this.start = at;
    this.next = nl < 0 ? text.length + 1 : nl + 1;
    let end = nl < 0 ? text.length : nl;
    if (end > at && text.charCodeAt(end - 1) === 13) end--;
    this.end = end;
    let i = at;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const tab = i < end && text.charCodeAt(i) === 9;
    this.blank = i === end || text.charCodeAt(i) === 35 /* # */ || (tab && /^[ \t]*(#.*)?$/.test(text.slice(at, end)));
    this.indent = tab ? -1 : i - at;
    return true;
  }
}

const YAML_RESOURCES = /^Resources:[ \t]*(#.*)?$/;
const YAML_KEY = /^([A-Za-z0-9][A-Za-z0-9_.-]*):(?:[ \t]|$)/;
/** An anchor or alias token (`&x`, `*x`) where YAML would read one; a false positive only costs a full parse. */
const YAML_ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][^\s,[\]{}]/;

/** The YAML layout, or undefined when the text is not a plain block-style template this splitter understands. */
export function splitYaml(text: string): ResourceLayout | undefined {
  if (YAML_ANCHOR_OR_ALIAS.test(text) || /^(%|---|\.\.\.)/m.test(text.replace(/^\uFEFF?---[ \t]*\r?\n/, ''))) return undefined;
  const line = new LineCursor(text);
  let body = -1;
  for (let at = 0; line.moveTo(at); at = line.next) {
    if (line.indent !== 0 || text.charCodeAt(at) !== 82 /* R */ || !YAML_RESOURCES.test(text.slice(at, line.end))) continue;
    if (body >= 0) return undefined; // `Resources` twice
    body = line.next;
  }
  if (body < 0) return undefined;
  const blocks: { logicalId: string; start: number }[] = [];
  let indent = -1;
  let tailStart = text.length;
  for (let at = body; line.moveTo(at); at = line.next) {
    if (line.indent < 0) return undefined;
    if (line.blank) continue;
    if (indent < 0) {
      if (line.indent === 0) return undefined; // `Resources:` with no entries
      indent = line.indent;
    }
    if (line.indent < indent) {
      if (line.indent !== 0) return undefined;
      tailStart = line.start;
      break;
    }
    if (line.indent > indent) continue;
    const key = YAML_KEY.exec(text.slice(line.start + indent, line.end));
    if (!key?.[1]) return undefined;
    blocks.push({ logicalId: ownCopy(key[1]), start: line.start });
  }
  return finish('yaml', blocks, tailStart);
}

/**
 * The layout of `text`, an edit of `old` (whose layout is `layout`) that kept its first `prefix` and last `suffix`
 * characters: only the lines around the edit are split again. Undefined when the edit touches the head or the tail,
 * or anything the line split cannot settle locally; the caller then splits the whole text (splitYaml / splitJson).
 * When defined, it equals the whole split.
 */
export function resplit(old: string, layout: ResourceLayout, text: string, prefix: number, suffix: number): ResourceLayout | undefined {
  const delta = text.length - old.length;
  const first = layout.blocks[0];
  if (!first) return undefined;
  const yaml = layout.format === 'yaml';
  // Whole lines around the edit, in the new text: from the start of the line holding the first changed character to
  // the end of the line (line break included) holding the first unchanged character after the edit, which may have
  // become the start of a line.
  const regionStart = text.lastIndexOf('\n', prefix - 1) + 1;
  const nl = text.indexOf('\n', Math.max(regionStart, text.length - suffix));
  const regionEnd = nl < 0 ? text.length : nl + 1;
  if (regionStart < layout.headEnd || regionEnd - delta > layout.tailStart) return undefined;
  if (yaml) {
    const region = text.slice(regionStart, regionEnd);
    if (YAML_ANCHOR_OR_ALIAS.test(region) || /^(%|---|\.\.\.)/m.test(region)) return undefined;
  }
  const indent = indentOf(old, first.start);
  const found: { logicalId: string; start: number }[] = [];
  for (const b of layout.blocks) {
    if (b.start >= regionStart) break;
    found.push(b);
  }
  const line = new LineCursor(text);
  for (let at = regionStart; at < regionEnd && line.moveTo(at); at = line.next) {
    if (line.indent < 0) return undefined;
    if (yaml ? line.blank : line.start + line.indent === line.end) continue;
    // A line left of the resources ends them (or is an error); content before the first resource would change the indentation.
    if (line.indent < indent || (line.indent > indent && found.length === 0)) return undefined;
    if (line.indent > indent) continue;
    if (!yaml && (text[line.start + indent] === '}' || text[line.start + indent] === ']')) {
      if (found.length === 0) return undefined;
      continue;
    }
    const key = (yaml ? YAML_KEY : JSON_KEY).exec(text.slice(line.start + indent, line.end));
    if (!key?.[1]) return undefined;
    found.push({ logicalId: ownCopy(key[1]), start: line.start });
  }
  for (const b of layout.blocks) if (b.start >= regionEnd - delta) found.push({ logicalId: b.logicalId, start: b.start + delta });
  return finish(layout.format, found, layout.tailStart + delta);
}

/**
 * A copy of a string cut out of a document that does not keep the document alive (V8 may represent a substring as a
 * view of the whole text). Logical ids of kept blocks outlive many versions once only the lines around edits are split.
 */
function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text.charCodeAt(i) === 32) i++;
  return i - lineStart;
}

const JSON_RESOURCES = /^"Resources"[ \t]*:[ \t]*\{[ \t]*$/;
const JSON_KEY = /^"([A-Za-z0-9][A-Za-z0-9_.-]*)"[ \t]*:/;

/** The layout of pretty-printed JSON (one member per line), or undefined. */
export function splitJson(text: string): ResourceLayout | undefined {
  const line = new LineCursor(text);
  let top = -1;
  let body = -1;
  let brace = false;
  for (let at = 0; line.moveTo(at); at = line.next) {
    if (line.indent < 0) return undefined;
    const content = text.slice(line.start + line.indent, line.end).trimEnd();
    const first = content.charCodeAt(0);
    if (top < 0) {
      // Only blank lines and one `{` line may come before the first top-level key.
      if (content === '') continue;
      if (content === '{' && !brace) {
        brace = true;
        continue;
      }
      if (first !== 34 /* " */ || !brace || line.indent <= 0) return undefined;
      top = line.indent;
    }
    if (line.indent === top && first === 34 && JSON_RESOURCES.test(text.slice(line.start + top, line.end))) {
      body = line.next;
      break;
    }
  }
  if (body < 0) return undefined;
  const blocks: { logicalId: string; start: number }[] = [];
  let indent = -1;
  let tailStart = -1;
  for (let at = body; line.moveTo(at); at = line.next) {
    if (line.indent < 0) return undefined;
    if (line.start + line.indent === line.end) continue;
    if (indent < 0) {
      if (line.indent <= top) return undefined;
      indent = line.indent;
    }
    if (line.indent < indent) {
      if (line.indent !== top) return undefined;
      tailStart = line.start;
      break;
    }
    if (line.indent > indent) continue;
    const c = text[line.start + indent];
    if (c === '}' || c === ']') continue;
    const key = JSON_KEY.exec(text.slice(line.start + indent, line.end));
    if (!key?.[1]) return undefined;
    blocks.push({ logicalId: ownCopy(key[1]), start: line.start });
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
