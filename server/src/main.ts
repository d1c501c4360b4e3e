// Language-server entry point: stdio (`--stdio`) or Node IPC (`--node-ipc`), chosen from the command line.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { tuneHeap } from './memory';
import { startServer } from './startServer';

tuneHeap();
startServer(createConnection(ProposedFeatures.all));
