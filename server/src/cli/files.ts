// Finding and reading files on disk for the CLI: folders are walked for templates (.yaml/.yml/.json/.template) or, for `test`, scenarios files.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATE_EXT = /\.(ya?ml|json|template)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.aws-sam', 'cdk.out', '.serverless', 'dist', 'out']);

const isTemplateName = (name: string) => TEMPLATE_EXT.test(name) && !name.endsWith('.apigw-scenarios.yaml');

/** Expands files and folders into a sorted list of files (folders: template files only); missing paths are returned in `missing`. */
export function expandPaths(paths: readonly string[]): { files: string[]; missing: string[] } {
  return expandPathsMatching(paths, isTemplateName);
}

/** Expands files and folders into a sorted list of files; in folders, only files whose name passes `accept`. */
export function expandPathsMatching(paths: readonly string[], accept: (name: string) => boolean): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p, files, accept);
    else files.push(p);
  }
  return { files: [...new Set(files)].sort(), missing };
}

function walk(dir: string, out: string[], accept: (name: string) => boolean): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full, out, accept);
    } else if (e.isFile() && accept(e.name)) {
      out.push(full);
    }
  }
}

/**
 * The text of a UTF-8 file as editors show it: without a leading byte order mark (VS Code and Neovim drop it), so
 * positions match the editor's and a JSON parser does not stop at it.
 */
export function decodeText(buf: Buffer): string {
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
