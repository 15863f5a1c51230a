package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/policyc/policyc/internal/testtool"
)

// TestNeovim opens a broken policy in a real editor, Neovim headless with
// its built-in LSP client, and reads the diagnostics it received from
// policyc lsp.
func TestNeovim(t *testing.T) {
	nvim := testtool.Program(t, "nvim")
	dir := writePolicyTree(t)
	policyFile := filepath.Join(dir, "policies", "shop", "policy.yaml")
	if err := os.WriteFile(policyFile, []byte(lspBroken), 0o644); err != nil {
		t.Fatal(err)
	}
	config, err := filepath.Abs(filepath.Join("testdata", "nvim", "init.lua"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "diagnostics.txt")
	cmd := exec.Command(nvim, "--headless", "-n", "-i", "NONE", "-u", config, policyFile)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asCommand+"=1", "POLICYC_BIN="+os.Args[0], "POLICYC_OUT="+out, "POLICYC_WANT=3")
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, output.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim wrote no diagnostics: %v\n%s", err, output.String())
	}
	want := `13:14-13:19 1 UNRESOLVED_REF undefined vendor "gogle"; did you mean "google"?
15:14-15:22 1 INVALID_VALUE invalid duration "13 mnths": unknown unit "mnths"; did you mean "13 months"?
17:11-17:16 1 INVALID_VALUE unknown party "thrid"; did you mean "third"?
`
	if string(got) != want {
		t.Errorf("Neovim received\n%s\nwant\n%s", got, want)
	}
}
