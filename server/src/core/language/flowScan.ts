// A tolerant scanner for the cursor inside a YAML flow collection (`{ ApiId: ‸ }`, `!GetAtt [Api, ‸]`, also over lines):
// the path below the collection, key or value position, the token at the cursor and its tag. Pure.
import { CFN_TAG_TO_FUNCTION } from '../parse/cfnTags';

interface Frame {
  readonly kind: 'map' | 'seq';
  /** A tag written on the collection (`!GetAtt [`). */
  readonly tag: string | undefined;
  key: string | undefined;
  expectingKey: boolean;
  index: number;
  readonly keys: string[];
}

/** The scalar token at the cursor (empty when the cursor is between tokens). */
export interface FlowToken {
  /** Source offsets of the token's content (inside its quotes). */
  readonly start: number;
  readonly end: number;
  readonly style: 'plain' | 'single' | 'double';
  readonly raw: string;
}

export interface FlowCursor {
  /** Keys and indices below the collection's own value; a tagged collection adds its intrinsic's long name first. */
  readonly path: (string | number)[];
  readonly position: 'key' | 'value';
  readonly token: FlowToken;
  readonly tag: string | undefined;
  /** Keys of the innermost mapping (before and after the cursor), for a key position. */
  readonly keys: readonly string[];
}

const INDICATOR = /[,[\]{}]/;

/**
 * Scans the flow collection opening at `from` (a `[` or `{`, possibly after a tag) up to `end` (the cursor's line end).
 * Undefined when the cursor is not inside it, or on a tag, anchor or comment.
 */
export function scanFlow(text: string, from: number, end: number, cursor: number): FlowCursor | undefined {
  const stack: Frame[] = [];
  let pendingTag: string | undefined;
  /** Where the pending tag ends: it belongs to an empty token at the cursor only when written before the cursor. */
  let tagEnd = 0;
  let found: { cursor: Omit<FlowCursor, 'keys'>; frame: Frame } | undefined;
  const at = (token: FlowToken, tag: string | undefined) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    const position = top.kind === 'map' && top.expectingKey ? 'key' : 'value';
    found = { cursor: { path: pathOf(stack, position), position, token, tag }, frame: top };
  };
  let i = from;
  while (i < end) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (!found && top && i > cursor) at({ start: cursor, end: cursor, style: 'plain', raw: '' }, tagEnd <= cursor ? pendingTag : undefined);
    if (c === '#' && (i === from || /\s/.test(text[i - 1] ?? ''))) {
      // A comment runs to its line end; the collection may go on below.
      let eol = text.indexOf('\n', i);
      if (eol < 0 || eol > end) eol = end;
      if (!found && cursor > i && cursor <= eol) return undefined;
      i = eol;
      continue;
    }
    if (c === '[' || c === '{') {
      if (!found && top && i === cursor) at({ start: cursor, end: cursor, style: 'plain', raw: '' }, pendingTag);
      stack.push({ kind: c === '{' ? 'map' : 'seq', tag: pendingTag, key: undefined, expectingKey: c === '{', index: 0, keys: [] });
      pendingTag = undefined;
      i++;
      continue;
    }
    if (c === ']' || c === '}' || c === ',') {
      if (!found && top && i === cursor) at({ start: cursor, end: cursor, style: 'plain', raw: '' }, pendingTag);
      pendingTag = undefined;
      if (c === ',') {
        if (top?.kind === 'seq') top.index++;
        else if (top) {
          top.expectingKey = true;
          top.key = undefined;
        }
      } else {
        stack.pop();
        if (stack.length === 0) break;
      }
      i++;
      continue;
    }
    if (c === ':' && top?.kind === 'map' && /[\s,[\]{}]/.test(text[i + 1] ?? ' ')) {
      if (!found && i === cursor) at({ start: cursor, end: cursor, style: 'plain', raw: '' }, pendingTag);
      top.expectingKey = false;
      i++;
      continue;
    }
    if (c === '!' || c === '&' || c === '*') {
      let j = i + 1;
      while (j < end && !/[\s,[\]{}]/.test(text[j] ?? '')) j++;
      if (cursor > i && cursor <= j) return undefined;
      if (c === '!') {
        pendingTag = text.slice(i, j);
        tagEnd = j;
      }
      i = j;
      continue;
    }
    const token = c === '"' || c === "'" ? quoted(text, i, end) : plain(text, i, end);
    if (!found && token.start <= cursor && cursor <= token.end) at(token, pendingTag);
    if (top?.kind === 'map' && top.expectingKey) {
      top.key = token.style === 'single' ? token.raw.replace(/''/g, "'") : token.raw;
      top.keys.push(top.key);
    }
    pendingTag = undefined;
    i = token.end + (token.style === 'plain' || text[token.end] !== (token.style === 'single' ? "'" : '"') ? 0 : 1);
    if (i === token.start && token.style === 'plain') i++;
  }
  if (!found && stack.length > 0 && cursor <= end) at({ start: cursor, end: cursor, style: 'plain', raw: '' }, pendingTag);
  if (!found) return undefined;
  const { cursor: cur, frame } = found;
  const keys = frame.keys.filter((k) => !(cur.position === 'key' && k === cur.token.raw));
  return { ...cur, keys };
}

function pathOf(stack: readonly Frame[], position: 'key' | 'value'): (string | number)[] {
  const path: (string | number)[] = [];
  stack.forEach((f, n) => {
    const fn = f.tag ? CFN_TAG_TO_FUNCTION.get(f.tag) : undefined;
    if (fn) path.push(fn);
    const last = n === stack.length - 1;
    if (last && position === 'key') return;
    path.push(f.kind === 'seq' ? f.index : (f.key ?? ''));
  });
  return path;
}

/** A quoted scalar starting at `start`: its content up to the closing quote (or the line end when unclosed). */
function quoted(text: string, start: number, end: number): FlowToken {
  const q = text[start];
  let i = start + 1;
  while (i < end) {
    const c = text[i];
    if (q === '"' && c === '\\') {
      i += 2;
      continue;
    }
    if (c === q) {
      if (q === "'" && text[i + 1] === "'") {
        i += 2;
        continue;
      }
      break;
    }
    i++;
  }
  const stop = Math.min(i, end);
  return { start: start + 1, end: stop, style: q === '"' ? 'double' : 'single', raw: text.slice(start + 1, stop) };
}

/** A plain scalar in flow context: up to a flow indicator, a `: ` or ` #`, trailing spaces left out. */
function plain(text: string, start: number, end: number): FlowToken {
  let i = start;
  while (i < end) {
    const c = text[i] ?? '';
    if (INDICATOR.test(c)) break;
    if (c === ':' && /[\s,[\]{}]/.test(text[i + 1] ?? ' ')) break;
    if (c === '#' && /\s/.test(text[i - 1] ?? '')) break;
    if (c === '\n' || c === '\r') break;
    i++;
  }
  let stop = i;
  while (stop > start && /\s/.test(text[stop - 1] ?? '')) stop--;
  return { start, end: stop, style: 'plain', raw: text.slice(start, stop) };
}
