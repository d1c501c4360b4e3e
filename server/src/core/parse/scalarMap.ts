// Maps character positions inside a decoded scalar value back to source offsets, for every YAML scalar style and JSON strings.
import type { ScalarNode } from '../sourceNode';

/**
 * `map[i]` is the source offset (UTF-16, absolute) of value character `i`; `map[value.length]` is the offset just
 * after the last character. Returns undefined when the value cannot be mapped reliably: the decoder's result is
 * checked against the parser's value, and on any disagreement callers must fall back to the whole value span
 * (never a wrong spot).
 */
export function scalarSourceMap(text: string, node: ScalarNode): number[] | undefined {
  const at = node.span.start;
  const known = MAPS.get(node);
  if (known !== undefined) {
    if (known.at !== at) moveMap(known, at);
    return known.map;
  }
  const map = computeMap(text, node);
  MAPS.set(node, { at, map });
  return map;
}

/**
 * Maps are memoised per node: several checks map the same scalar, and the incremental model re-uses the nodes of
 * unchanged resources (a node's text never changes). It also moves such nodes in place when text before them changes,
 * so each map remembers where its node started (`at`) and is moved along, in place, when it is asked for at another
 * offset. The returned array is shared: callers must not modify it or keep it past the current model.
 */
const MAPS = new WeakMap<ScalarNode, { at: number; readonly map: number[] | undefined }>();

function moveMap(entry: { at: number; readonly map: number[] | undefined }, at: number): void {
  const delta = at - entry.at;
  const map = entry.map;
  if (map) for (let i = 0; i < map.length; i++) map[i] = (map[i] as number) + delta;
  entry.at = at;
}

function computeMap(text: string, node: ScalarNode): number[] | undefined {
  if (typeof node.value !== 'string') return undefined;
  let decoded: Decoded | undefined;
  try {
    switch (node.style) {
      case 'json':
        decoded = decodeEscapes(text, node.valueSpan.start, node.valueSpan.end, 'json');
        break;
      case 'double':
        decoded = decodeEscapes(text, node.valueSpan.start, node.valueSpan.end, 'yaml');
        break;
      case 'single':
        decoded = decodeSingle(text, node.valueSpan.start, node.valueSpan.end);
        break;
      case 'plain':
        decoded = foldFlow(text, node.valueSpan.start, node.valueSpan.end, false);
        break;
      case 'literal':
      case 'folded':
        decoded = decodeBlock(text, node);
        break;
    }
  } catch {
    return undefined;
  }
  if (!decoded || decoded.chars.join('') !== node.value) return undefined;
  decoded.map.push(decoded.end);
  return decoded.map;
}

/** Maps a value-relative offset (0..value.length) to an absolute source offset, or undefined when unmappable. */
export function valueOffsetToSource(map: readonly number[] | undefined, valueOffset: number): number | undefined {
  if (!map) return undefined;
  if (valueOffset < 0 || valueOffset >= map.length) return undefined;
  return map[valueOffset];
}

/** Maps an absolute source offset inside a scalar to the value-relative offset (the nearest char at or after it). */
export function sourceOffsetToValue(map: readonly number[] | undefined, sourceOffset: number): number | undefined {
  if (!map || map.length === 0) return undefined;
  // map is non-decreasing; binary search for the first index whose source offset >= sourceOffset.
  let lo = 0;
  let hi = map.length - 1;
  if (sourceOffset > (map[hi] ?? 0)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((map[mid] ?? 0) < sourceOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Decoded {
  chars: string[];
  map: number[];
  end: number;
}

const isLineBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Line folding for flow scalars (plain / quoted): single line break → space, n+1 breaks → n newlines, trailing/leading blanks trimmed. */
function foldFlow(text: string, start: number, end: number, _quoted: boolean): Decoded {
  const chars: string[] = [];
  const map: number[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (isLineBreak(c)) {
      // Drop trailing blanks already emitted on this line.
      while (chars.length && isBlank(chars[chars.length - 1])) {
        chars.pop();
        map.pop();
      }
      const breakAt = i;
      let breaks = 0;
      while (i < end && (isLineBreak(text[i]) || isBlank(text[i]))) {
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        if (isLineBreak(text[i])) breaks++;
        i++;
      }
      if (breaks === 1) {
        chars.push(' ');
        map.push(breakAt);
      } else {
        for (let b = 1; b < breaks; b++) {
          chars.push('\n');
          map.push(breakAt);
        }
      }
      continue;
    }
    chars.push(c ?? '');
    map.push(i);
    i++;
  }
  return { chars, map, end };
}

function decodeSingle(text: string, start: number, end: number): Decoded {
  const folded = foldFlow(text, start, end, true);
  const chars: string[] = [];
  const map: number[] = [];
  for (let k = 0; k < folded.chars.length; k++) {
    chars.push(folded.chars[k] ?? '');
    map.push(folded.map[k] ?? 0);
    if (folded.chars[k] === "'" && folded.chars[k + 1] === "'") k++;
  }
  return { chars, map, end };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
const YAML_ONLY_ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', v: '\v', e: '\x1b', ' ': ' ', '\t': '\t', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };

function decodeEscapes(text: string, start: number, end: number, dialect: 'json' | 'yaml'): Decoded {
  const chars: string[] = [];
  const map: number[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '\\') {
      const n = text[i + 1];
      if (n === undefined) break;
      const simple = SIMPLE_ESCAPES[n] ?? (dialect === 'yaml' ? YAML_ONLY_ESCAPES[n] : undefined);
      if (simple !== undefined) {
        chars.push(simple);
        map.push(i);
        i += 2;
        continue;
      }
      const hexLen = n === 'u' ? 4 : dialect === 'yaml' && n === 'x' ? 2 : dialect === 'yaml' && n === 'U' ? 8 : 0;
      if (hexLen) {
        const cp = parseInt(text.slice(i + 2, i + 2 + hexLen), 16);
        const s = String.fromCodePoint(cp);
        for (const unit of s.split('')) {
          chars.push(unit);
          map.push(i);
        }
        i += 2 + hexLen;
        continue;
      }
      if (dialect === 'yaml' && isLineBreak(n)) {
        // Escaped line break: join lines without a space, skip leading blanks of the next line.
        i += 1;
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        while (i < end && isBlank(text[i])) i++;
        continue;
      }
      throw new Error('unknown escape');
    }
    if (dialect === 'yaml' && isLineBreak(c)) {
      while (chars.length && isBlank(chars[chars.length - 1]) && map[map.length - 1] !== undefined && text[map[map.length - 1] ?? 0] !== '\\') {
        chars.pop();
        map.pop();
      }
      const breakAt = i;
      let breaks = 0;
      while (i < end && (isLineBreak(text[i]) || isBlank(text[i]))) {
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        if (isLineBreak(text[i])) breaks++;
        i++;
      }
      if (breaks === 1) {
        chars.push(' ');
        map.push(breakAt);
      } else {
        for (let b = 1; b < breaks; b++) {
          chars.push('\n');
          map.push(breakAt);
        }
      }
      continue;
    }
    chars.push(c ?? '');
    map.push(i);
    i++;
  }
  return { chars, map, end };
}

function decodeBlock(text: string, node: ScalarNode): Decoded | undefined {
  // Header: from node.span.start to the end of its line.
  const headerEnd = text.indexOf('\n', node.span.start);
  const header = text.slice(node.span.start, headerEnd < 0 ? node.span.end : headerEnd).replace(/\s+#.*$/, '').trim();
  const m = /^([|>])([+-]?)(\d?)([+-]?)$/.exec(header);
  if (!m) return undefined;
  const folded = m[1] === '>';
  const chomp = m[2] || m[4] || '';
  const explicit = m[3] ? Number(m[3]) : 0;
  // Lines of content: from valueSpan.start to the end of the node.
  const lines: { start: number; end: number; brk: number }[] = [];
  let i = node.valueSpan.start;
  const end = node.valueSpan.end;
  while (i <= end) {
    let j = i;
    while (j < end && !isLineBreak(text[j])) j++;
    lines.push({ start: i, end: j, brk: j });
    if (j >= end) break;
    i = text[j] === '\r' && text[j + 1] === '\n' ? j + 2 : j + 1;
  }
  // Indentation: explicit, or that of the first non-empty line.
  let indent = explicit;
  if (!indent) {
    // Parent indentation is unknown here; detect from the first non-blank line.
    for (const l of lines) {
      const s = text.slice(l.start, l.end);
      if (s.trim() !== '') {
        indent = s.length - s.replace(/^ +/, '').length;
        break;
      }
    }
  } else {
    // Explicit indicator is relative to the parent's indentation: find it from the key's line.
    const lineStart = text.lastIndexOf('\n', node.span.start - 1) + 1;
    const parentIndent = (/^ */.exec(text.slice(lineStart, node.span.start))?.[0].length ?? 0);
    indent = parentIndent + explicit;
  }
  const chars: string[] = [];
  const map: number[] = [];
  let prevMoreIndented = false;
  let pendingBreaks: number[] = [];
  let emittedContent = false;
  let prevBreak = 0;
  for (const l of lines) {
    const raw = text.slice(l.start, l.end);
    // A line is empty when it holds only indentation (spaces up to the block's indent).
    const isEmpty = raw.trim() === '' && raw.length <= indent;
    if (isEmpty) {
      pendingBreaks.push(l.brk);
      continue;
    }
    const contentStart = l.start + indent;
    const content = text.slice(contentStart, l.end);
    const moreIndented = folded && (content.startsWith(' ') || content.startsWith('\t'));
    if (emittedContent) {
      // Line break between previous content line and this one.
      if (folded && !prevMoreIndented && !moreIndented) {
        if (pendingBreaks.length === 0) {
          chars.push(' ');
          map.push(prevBreak);
        } else {
          for (const b of pendingBreaks) {
            chars.push('\n');
            map.push(b);
          }
        }
      } else {
        chars.push('\n');
        map.push(prevBreak);
        for (const b of pendingBreaks) {
          chars.push('\n');
          map.push(b);
        }
      }
    } else {
      for (const b of pendingBreaks) {
        chars.push('\n');
        map.push(b);
      }
    }
    pendingBreaks = [];
    for (let k = 0; k < content.length; k++) {
      chars.push(content[k] ?? '');
      map.push(contentStart + k);
    }
    prevBreak = l.brk;
    prevMoreIndented = moreIndented;
    emittedContent = true;
  }
  // Keep chomping: the blank lines after the content belong to the value, but the node's span (trimmed of trailing
  // line breaks) stops before them.
  if (chomp === '+') pendingBreaks.push(...trailingBlankLineBreaks(text, prevBreak));
  // Chomping.
  if (emittedContent && chomp !== '-') {
    chars.push('\n');
    map.push(prevBreak);
    if (chomp === '+') {
      for (const b of pendingBreaks) {
        chars.push('\n');
        map.push(b);
      }
    }
  }
  // With kept trailing breaks the value ends after the last of them, beyond the node's trimmed span.
  const lastKept = chomp === '+' ? pendingBreaks[pendingBreaks.length - 1] : undefined;
  return { chars, map, end: lastKept !== undefined ? lastKept + 1 : node.valueSpan.end };
}

/** Offsets of the line breaks of the blank lines that follow the line break at `brk` (kept by `|+` / `>+`). */
function trailingBlankLineBreaks(text: string, brk: number): number[] {
  const out: number[] = [];
  let i = text[brk] === '\r' && text[brk + 1] === '\n' ? brk + 2 : brk + 1;
  while (i < text.length) {
    let j = i;
    while (j < text.length && isBlank(text[j])) j++;
    if (!isLineBreak(text[j])) break;
    out.push(j);
    i = text[j] === '\r' && text[j + 1] === '\n' ? j + 2 : j + 1;
  }
  return out;
}
