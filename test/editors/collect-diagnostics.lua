-- Neovim (0.7+) headless script: starts `apigw-lens lsp --stdio` for the current buffer with the built-in LSP client, waits for diagnostics, writes them as JSON to $APIGW_LENS_OUT and quits.
local out = assert(os.getenv('APIGW_LENS_OUT'), 'APIGW_LENS_OUT is not set')
local root = assert(os.getenv('APIGW_LENS_ROOT'), 'APIGW_LENS_ROOT is not set')
local node = os.getenv('APIGW_LENS_NODE') or 'node'
local timeout_ms = tonumber(os.getenv('APIGW_LENS_TIMEOUT_MS') or '20000')

local buf = vim.api.nvim_get_current_buf()
-- Started with --clean, so no filetype detection: the filetype becomes the languageId of didOpen.
vim.bo[buf].filetype = 'yaml'

local published = {}
local config = {
  name = 'apigw-lens',
  cmd = { node, root .. '/bin/apigw-lens.js', 'lsp', '--stdio' },
  root_dir = root,
  handlers = {
    -- Keep the raw LSP notification (it carries the diagnostic `code`), then let Neovim show it as usual.
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
      table.insert(published, result)
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, cfg)
    end,
  },
}

-- vim.lsp.start exists from Neovim 0.8; Debian's 0.7 has start_client + buf_attach_client.
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client_id)
end

local arrived = vim.wait(timeout_ms, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)

local shown = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(shown, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message })
end
local v = vim.version()
local file = assert(io.open(out, 'w'))
file:write(vim.fn.json_encode({
  nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch),
  arrived = arrived,
  published = published,
  shown = shown,
}))
file:close()

vim.lsp.stop_client(client_id)
vim.cmd('qa!')
