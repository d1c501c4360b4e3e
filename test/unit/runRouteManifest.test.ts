// The Run Route command the code lenses invoke is contributed in package.json, shown for runnable templates only, and registered on activation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RUN_ROUTE_COMMAND } from '../../server/src/protocol';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(resolve(REPO_ROOT, p), 'utf8');

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
}
const manifest = JSON.parse(read('package.json')) as Manifest;

describe('Run Route command', () => {
  it('is contributed as "API Gateway: Run Route"', () => {
    const contributed = manifest.contributes.commands.filter((c) => c.command === RUN_ROUTE_COMMAND).map((c) => `${c.category}: ${c.title}`);
    assert.deepEqual(contributed, ['API Gateway: Run Route']);
  });

  it('appears in the palette and the editor context menu only for runnable templates', () => {
    const menus = Object.entries(manifest.contributes.menus)
      .flatMap(([menu, items]) => items.filter((i) => i.command === RUN_ROUTE_COMMAND).map((i) => ({ menu, when: i.when })))
      .sort((a, b) => a.menu.localeCompare(b.menu));
    assert.deepEqual(menus, [
      { menu: 'commandPalette', when: 'editorLangId =~ /^(yaml|json)$/ && !apigwLens.noRunnableRoutes' },
      { menu: 'editor/context', when: 'resourceLangId =~ /^(yaml|json)$/ && !apigwLens.noRunnableRoutes' },
    ]);
    assert.match(read('client/src/runContext.ts'), /NO_RUNNABLE_ROUTES_KEY = 'apigwLens\.noRunnableRoutes'/);
  });

  it('is the command of the server lenses and is registered when the extension starts', () => {
    assert.match(read('server/src/features/codeLens.ts'), /command: RUN_ROUTE_COMMAND\b/);
    assert.match(read('client/src/commands.ts'), /registerCommand\(RUN_ROUTE_COMMAND,/);
    // start() registers the command before it starts the language client, so a lens can never point at nothing.
    const start = /async start\(\): Promise<void> \{([\s\S]*?)\n  \}/.exec(read('client/src/extensionContext.ts'))?.[1] ?? '';
    const registered = start.indexOf('registerRunRoute(this)');
    assert.ok(registered >= 0, 'Extension.start() does not call registerRunRoute');
    assert.ok(registered < start.indexOf('applyEnablement'), 'the command must be registered before the server starts');
  });
});
