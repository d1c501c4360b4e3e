// `apigw-lens lsp --stdio|--node-ipc`: runs the language server for any LSP editor.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { tuneHeap } from '../memory';
import { startServer } from '../startServer';
import type { CliCommand } from './types';

export const lspCommand: CliCommand = {
  name: 'lsp',
  usage: 'apigw-lens lsp [--stdio | --node-ipc]',
  summary: 'Run the language server (stdio by default) for Neovim, Helix, Emacs and other LSP editors.',
  async run(args) {
    if (!args.includes('--node-ipc') && !process.argv.includes('--stdio')) process.argv.push('--stdio');
    tuneHeap();
    startServer(createConnection(ProposedFeatures.all));
    return -1;
  },
};
