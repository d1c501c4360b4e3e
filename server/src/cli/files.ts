// Finding template files on disk for the CLI (folders are walked for .yaml/.yml/.json/.template files).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATE_EXT = /\.(ya?ml|json|template)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.aws-sam', 'cdk.out', '.serverless', 'dist', 'out']);

/** Expands files and folders into a sorted list of files; missing paths are returned in `missing`. */
export function expandPaths(paths: readonly string[]): { files: string[]; missing: string[] } {
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
    if (st.isDirectory()) walk(p, files);
    else files.push(p);
  }
  return { files: [...new Set(files)].sort(), missing };
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full, out);
    } else if (e.isFile() && TEMPLATE_EXT.test(e.name) && !e.name.endsWith('.apigw-scenarios.yaml')) {
      out.push(full);
    }
  }
}
