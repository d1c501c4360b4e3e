// VS Code entry point: activate/deactivate only; everything else is owned by one Extension instance.
import type * as vscode from 'vscode';
import { Extension } from './extensionContext';

// The one piece of module state: deactivate() receives no argument, yet must await the client's shutdown.
let current: Extension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Extension> {
  current = new Extension(context);
  await current.start();
  return current;
}

export async function deactivate(): Promise<void> {
  await current?.dispose();
  current = undefined;
}
