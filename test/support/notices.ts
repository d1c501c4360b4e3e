// Third-party notices of the bundled JavaScript: which npm packages esbuild puts into the shipped bundles, and the
// notice section each needs (its licence file, verbatim). Used by test/unit/thirdPartyNotices.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

/** The shipped bundles' entry points, built as esbuild.mjs builds them. */
const ENTRIES: { entry: string; platform: 'node' | 'browser' }[] = [
  { entry: 'client/src/extension.ts', platform: 'node' },
  { entry: 'server/src/main.ts', platform: 'node' },
  { entry: 'server/src/cli/main.ts', platform: 'node' },
  { entry: 'server/src/sandbox/vtlWorker.ts', platform: 'node' },
  { entry: 'client/webview/main.ts', platform: 'browser' },
];

export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  /** Name of the licence file in the package folder. */
  readonly licenseFile: string;
  readonly licenseText: string;
}

/** Every npm package whose code ends up in a shipped bundle, sorted by name. */
export async function bundledPackages(root: string): Promise<BundledPackage[]> {
  const names = new Set<string>();
  for (const { entry, platform } of ENTRIES) {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      platform,
      format: platform === 'node' ? 'cjs' : 'iife',
      mainFields: ['module', 'main'],
      external: ['vscode'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m?.[1]) names.add(m[1]);
    }
  }
  return [...names].sort().map((name) => {
    const dir = resolve(root, 'node_modules', name);
    const pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as { version: string; license?: string };
    const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    if (!licenseFile) throw new Error(`${name} ships no licence file; add its notice by hand`);
    return { name, version: pkg.version, license: pkg.license ?? 'see licence text', licenseFile, licenseText: readFileSync(resolve(dir, licenseFile), 'utf8').trim() };
  });
}

/** The notice section of one package, as it must appear in THIRD-PARTY-NOTICES.md. */
export function noticeSection(p: BundledPackage): string {
  return `### ${p.name} ${p.version} (${p.license})\n\n\`\`\`\n${p.licenseText.replace(/```/g, "'''")}\n\`\`\`\n`;
}

export const BUNDLED_HEADING = '## JavaScript libraries bundled into dist/*.js';

/** The whole bundled-libraries part of the notices file. */
export function bundledNotices(packages: readonly BundledPackage[]): string {
  const intro = 'The bundles in `dist/` (extension client, language server, CLI, sandbox worker, webview script) contain code of these npm packages; their licence texts follow verbatim.';
  return `${BUNDLED_HEADING}\n\n${intro}\n\n${packages.map(noticeSection).join('\n')}`;
}
