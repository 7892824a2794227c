-- Drives Neovim's built-in LSP client (0.7+) against the server: open a file, wait for the
-- published diagnostics, ask for a hover and the code actions on a line, apply the first action
-- with Neovim's own edit machinery (which sends didChange), and wait for the diagnostics to follow.
-- Writes what it saw as JSON to $FLYTE_SECRETS_OUT, then quits.
local function env(name)
  local value = os.getenv(name)
  assert(value, name .. ' is not set')
  return value
end
local result = { diagnostics = {}, after = {}, errors = {} }

local function position_of(marker, delta)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local start = string.find(line, marker, 1, true)
    if start then return { line = i - 1, character = start - 1 + (delta or 0) } end
  end
  error('marker not found: ' .. marker)
end

local function snapshot()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(list, { lnum = d.lnum, col = d.col, code = d.code, source = d.source, message = d.message, severity = d.severity })
  end
  return list
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env('FLYTE_SECRETS_FILE')))
  local id = vim.lsp.start_client({
    name = 'flyte-secrets',
    cmd = { env('FLYTE_SECRETS_NODE'), env('FLYTE_SECRETS_SERVER'), '--stdio' },
    root_dir = env('FLYTE_SECRETS_ROOT'),
  })
  assert(id, 'the client did not start')
  vim.lsp.buf_attach_client(0, id)
  assert(vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50), 'no diagnostics within 20 s')
  result.diagnostics = snapshot()
  local client = vim.lsp.get_client_by_id(id)
  result.pull = client.server_capabilities.diagnosticProvider ~= nil
  local uri = vim.uri_from_bufnr(0)

  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = position_of('"pasword"', 2) }, 10000, 0)
  result.hover = hover and hover.result

  local at = position_of('ctx.secrets.get(SMTP, "pasword")', 1)
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0, at.line)
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = at, ['end'] = at },
    context = { diagnostics = line_diagnostics },
  }, 10000, 0)
  result.actions = actions and actions.result
  vim.lsp.util.apply_workspace_edit(result.actions[1].edit, client.offset_encoding or 'utf-16')
  result.text = vim.api.nvim_buf_get_lines(0, at.line, at.line + 1, false)[1]
  assert(vim.wait(20000, function() return #vim.diagnostic.get(0) == #result.diagnostics - 1 end, 50), 'the diagnostics did not follow the edit')
  result.after = snapshot()
end)
if not ok then table.insert(result.errors, tostring(err)) end
local file = assert(io.open(env('FLYTE_SECRETS_OUT'), 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
