// Plain JSON values for scenarios: conversion from the positioned SourceNode tree, deep equality, stable pretty-printing. Pure.
import type { SourceNode } from '../sourceNode';
import { setOwn } from '../ownProperty';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The plain value of a SourceNode: maps become objects (keys stringified), sequences arrays, tags are ignored. */
export function toJsonValue(node: SourceNode | undefined): JsonValue {
  if (!node) return null;
  switch (node.kind) {
    case 'scalar':
      return typeof node.value === 'number' && !Number.isFinite(node.value) ? String(node.value) : node.value;
    case 'seq':
      return node.items.map(toJsonValue);
    case 'map': {
      const out: JsonObject = {};
      for (const e of node.entries) setOwn(out, String(e.key.value), toJsonValue(e.value));
      return out;
    }
  }
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Converts an arbitrary value (a pipeline result) to JSON data the way JSON.stringify would: undefined members are
 * dropped, non-finite numbers become null, cycles and functions become null. Never throws.
 */
export function toJson(v: unknown, depth = 0, seen: unknown[] = []): JsonValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'object' || depth > 200 || seen.includes(v)) return null;
  seen.push(v);
  let out: JsonValue;
  if (Array.isArray(v)) out = v.map((x) => (x === undefined || typeof x === 'function' ? null : toJson(x, depth + 1, seen)));
  else {
    const o: JsonObject = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined && typeof x !== 'function') setOwn(o, k, toJson(x, depth + 1, seen));
    out = o;
  }
  seen.pop();
  return out;
}

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
}

/** JSON text of `text` pretty-printed with two spaces when it parses as a JSON object or array, else undefined. */
export function prettyJsonText(text: string): string | undefined {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return undefined;
  }
}
