-- Neovim (0.7+) headless script: starts `apigw-lens lsp --stdio` for the current buffer with the built-in LSP client, waits for diagnostics, writes them as JSON to $APIGW_LENS_OUT and quits.
local out = assert(os.getenv('APIGW_LENS_OUT'), 'APIGW_LENS_OUT is not set')
local root = assert(os.getenv('APIGW_LENS_ROOT'), 'APIGW_LENS_ROOT is not set')
local node = os.getenv('APIGW_LENS_NODE') or 'node'
local timeout_ms = tonumber(os.getenv('APIGW_LENS_TIMEOUT_MS') or '20000')
-- Settings as JSON (`{ apigwLens = { … } }`), sent as docs/editors.md shows for Neovim 0.7.
local settings = vim.fn.json_decode(os.getenv('APIGW_LENS_SETTINGS') or '{}')

local buf = vim.api.nvim_get_current_buf()
-- Started with --clean, so no filetype detection: the filetype becomes the languageId of didOpen.
vim.bo[buf].filetype = 'yaml'

local published = {}
local initialized = false
local config = {
  name = 'apigw-lens',
  cmd = { node, root .. '/bin/apigw-lens.js', 'lsp', '--stdio' },
  root_dir = root,
  settings = settings,
  -- Neovim 0.7 neither advertises workspace/configuration nor sends the settings itself (0.8+ does both).
  on_init = function(client)
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    initialized = true
  end,
  handlers = {
    -- Keep the raw LSP notification (it carries the diagnostic `code`), then let Neovim show it as usual.
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
      table.insert(published, result)
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, cfg)
    end,
  },
}

-- start_client + buf_attach_client work from Neovim 0.7 (Debian 12) on; docs/editors.md shows vim.lsp.start/vim.lsp.config
-- for newer versions. The buffer is attached once the settings are sent, so the first analysis uses them.
local client_id = vim.lsp.start_client(config)
assert(client_id, 'the apigw-lens client did not start')
local ready = vim.wait(timeout_ms, function()
  return initialized
end, 20)
vim.lsp.buf_attach_client(buf, client_id)

local arrived = vim.wait(timeout_ms, function()
  return #vim.diagnostic.get(buf) > 0
end, 20)

local shown = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(shown, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message })
end
local v = vim.version()
local file = assert(io.open(out, 'w'))
file:write(vim.fn.json_encode({
  nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch),
  initialized = ready,
  arrived = arrived,
  published = published,
  shown = shown,
}))
file:close()

vim.lsp.stop_client(client_id)
vim.cmd('qa!')
