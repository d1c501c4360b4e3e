// How the language server process is started: the Node flags the VS Code client and the benchmark pass to it.

/**
 * `--expose-gc` lets the server run one full garbage collection right after parsing or closing a large template
 * (server/src/memory.ts); without it (an editor that starts `node dist/server.js` itself) it relies on V8 alone.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--expose-gc'];
