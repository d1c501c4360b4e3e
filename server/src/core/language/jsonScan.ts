// A tolerant JSON scanner for the cursor: the key path and whether the cursor is on a key, a value or inside a string,
// read from the text itself so that unterminated strings and missing commas do not derail it. Pure.

interface Frame {
  readonly kind: 'object' | 'array';
  /** Object: the key whose value is being read (undefined while a key is expected). */
  key: string | undefined;
  /** Array: index of the current item. */
  index: number;
  expectingKey: boolean;
  /** Keys met in this object so far. */
  readonly keys: string[];
}

export interface JsonCursor {
  /** Keys and indices from the root to the container of the cursor's key or value. */
  readonly path: (string | number)[];
  readonly position: 'key' | 'value';
  /** When the cursor is inside a string: offset of its opening quote and of its end (closing quote, or line end when unterminated). */
  readonly string?: { readonly start: number; readonly end: number; readonly closed: boolean };
  /** Keys met before the cursor in the innermost object. */
  readonly keysBefore: readonly string[];
}

/** Where scanning starts: an offset where an entry of a known object begins. */
export interface ScanStart {
  readonly offset: number;
  /** Keys leading from the root to that object (`['Resources']`: the entry is a resource). */
  readonly keys: readonly string[];
}

/** Scans `text` from `start` (or the beginning) to `offset`. Undefined when the cursor is outside any container. */
export function scanJsonTo(text: string, offset: number, start?: ScanStart): JsonCursor | undefined {
  const stack: Frame[] = [];
  let i = 0;
  if (start) {
    for (const k of start.keys) stack.push({ kind: 'object', key: k, index: 0, expectingKey: false, keys: [] });
    stack.push({ kind: 'object', key: undefined, index: 0, expectingKey: true, keys: [] });
    i = start.offset;
  }
  while (i < offset) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      // The cursor is inside when it is before the closing quote (or anywhere up to the line end of an unterminated string).
      if (end.end >= offset) {
        // An unterminated string ends, for the cursor's purposes, with the word it is in (not the rest of the line).
        const stop = end.closed ? end.end : offset + (/^[\w:.$/\\-]*/.exec(text.slice(offset, end.end))?.[0].length ?? 0);
        return cursorOf(stack, { start: i, end: stop, closed: end.closed });
      }
      if (top?.kind === 'object' && top.expectingKey) {
        top.key = decode(text.slice(i, end.closed ? end.end + 1 : end.end));
        top.keys.push(top.key);
      }
      i = end.closed ? end.end + 1 : end.end;
      continue;
    }
    if (c === '{' || c === '[') stack.push({ kind: c === '{' ? 'object' : 'array', key: undefined, index: 0, expectingKey: c === '{', keys: [] });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ':' && top?.kind === 'object') top.expectingKey = false;
    else if (c === ',' && top) {
      if (top.kind === 'array') top.index++;
      else {
        top.expectingKey = true;
        top.key = undefined;
      }
    } else if (c === '\n' && top?.kind === 'object' && !top.expectingKey && lineHoldsKey(text, i + 1)) {
      // A missing comma: a new line starting with `"key":` begins the next entry.
      top.expectingKey = true;
      top.key = undefined;
    }
    i++;
  }
  return cursorOf(stack, undefined);
}

function cursorOf(stack: readonly Frame[], string: JsonCursor['string']): JsonCursor | undefined {
  const top = stack[stack.length - 1];
  if (!top) return undefined;
  const path: (string | number)[] = [];
  for (let n = 0; n < stack.length - 1; n++) {
    const f = stack[n];
    if (!f) continue;
    path.push(f.kind === 'array' ? f.index : (f.key ?? ''));
  }
  if (top.kind === 'object' && top.expectingKey) return { path, position: 'key', ...(string ? { string } : {}), keysBefore: top.keys };
  path.push(top.kind === 'array' ? top.index : (top.key ?? ''));
  return { path, position: 'value', ...(string ? { string } : {}), keysBefore: top.keys };
}

/** The closing quote of the string opened at `start`, or the end of its line when it is unterminated. */
function stringEnd(text: string, start: number): { end: number; closed: boolean } {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '"') return { end: i, closed: true };
    if (c === '\n' || c === '\r') return { end: i, closed: false };
    i++;
  }
  return { end: text.length, closed: false };
}

/** The line starting at `from` begins with `"key":`. */
function lineHoldsKey(text: string, from: number): boolean {
  return /^[ \t]*"(?:[^"\\\n]|\\.)*"[ \t]*:/.test(text.slice(from, from + 300));
}

function decode(literal: string): string {
  try {
    return JSON.parse(literal.endsWith('"') && literal.length > 1 ? literal : `${literal}"`) as string;
  } catch {
    return literal.replace(/^"|"$/g, '');
  }
}
