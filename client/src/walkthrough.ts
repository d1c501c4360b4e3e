// Commands behind the "Get started with apigw-lens" walkthrough: open a fresh copy of the sample template and run its route.
import * as vscode from 'vscode';
import { RUN_ROUTE_COMMAND, type RunRouteArgs } from './commands';

export const OPEN_SAMPLE_COMMAND = 'apigwLens.openSample';
export const RUN_SAMPLE_ROUTE_COMMAND = 'apigwLens.runSampleRoute';
/** The sample shipped in the extension under media/walkthrough/ (see the walkthrough in package.json). */
const SAMPLE_FILE = 'sample-websocket.yaml';
/** Logical id of the route the walkthrough runs. */
const SAMPLE_ROUTE_ID = 'GreetRoute';

/** Where the user's copy of the sample lives: the extension's global storage (the installed extension folder may be read-only). */
function sampleCopy(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.globalStorageUri, SAMPLE_FILE);
}

/** Copies a fresh sample into global storage and opens it beside the walkthrough. */
async function openSample(context: vscode.ExtensionContext): Promise<vscode.Uri> {
  const source = vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', SAMPLE_FILE);
  const target = sampleCopy(context);
  await vscode.workspace.fs.createDirectory(context.globalStorageUri);
  await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(source));
  const doc = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return target;
}

/** Runs the sample's route, opening the sample first unless it is already open (so the user's fix is kept). */
async function runSampleRoute(context: vscode.ExtensionContext): Promise<unknown> {
  const copy = sampleCopy(context).toString();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === copy);
  const uri = open?.uri ?? (await openSample(context));
  const args: RunRouteArgs = { uri: uri.toString(), routeId: SAMPLE_ROUTE_ID };
  return vscode.commands.executeCommand(RUN_ROUTE_COMMAND, args);
}

export function registerWalkthroughCommands(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, () => openSample(context)),
    vscode.commands.registerCommand(RUN_SAMPLE_ROUTE_COMMAND, () => runSampleRoute(context)),
  );
}
