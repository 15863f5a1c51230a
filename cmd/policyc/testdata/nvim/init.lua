-- A minimal Neovim configuration for policyc's language server, as the
-- README gives it, and a check run by the test: open the file given on the
-- command line, wait for the server's diagnostics, write them to
-- $POLICYC_OUT and quit.
local function start(buf)
  local client = vim.lsp.start_client({
    name = "policyc",
    cmd = { os.getenv("POLICYC_BIN"), "lsp" },
    root_dir = vim.fn.getcwd(),
  })
  vim.lsp.buf_attach_client(buf, client)
end

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local buf = vim.api.nvim_get_current_buf()
    start(buf)
    local want = tonumber(os.getenv("POLICYC_WANT"))
    vim.wait(60000, function() return #vim.diagnostic.get(buf) >= want end, 50)
    local lines = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
      table.insert(lines, string.format("%d:%d-%d:%d %d %s %s", d.lnum, d.col, d.end_lnum, d.end_col, d.severity, code, d.message))
    end
    table.sort(lines)
    local f = io.open(os.getenv("POLICYC_OUT"), "w")
    f:write(table.concat(lines, "\n") .. "\n")
    f:close()
    vim.cmd("qa!")
  end,
})
