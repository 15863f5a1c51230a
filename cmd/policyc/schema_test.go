package main

import (
	"bytes"
	"os"
	"testing"
)

// TestSchemaCopies wants docs/policy.schema.json and docs/include.schema.json
// to be what policyc schema prints; -update rewrites them.
func TestSchemaCopies(t *testing.T) {
	for file, args := range map[string][]string{
		"../../docs/policy.schema.json":  {"schema"},
		"../../docs/include.schema.json": {"schema", "--include"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitOK {
			t.Fatalf("policyc %v exited %d: %s", args, code, stderr.String())
		}
		if *update {
			if err := os.WriteFile(file, stdout.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(stdout.Bytes(), want) {
			t.Errorf("%s differs from the output of policyc %v: run make update-golden", file, args)
		}
	}
}
