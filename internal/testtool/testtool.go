// Package testtool finds the external programs that some tests drive: the
// npm packages `make tools` installs into .tools, and Debian programs such
// as chromium, hugo and nvim that .ci/run installs. Locally a missing tool
// skips the test; in CI (CI=true) it fails it, so a green CI always means the
// test ran.
package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Root is the repository's top folder: the nearest parent holding go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Missing skips the test, or fails it under CI=true.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed; %s", what, install)
	}
	t.Skipf("%s is not installed; %s", what, install)
}

// NPMBin returns the path of an npm package's command installed by
// `make tools`, or the one on PATH.
func NPMBin(t testing.TB, name string) string {
	t.Helper()
	local := filepath.Join(Root(t), ".tools", "node_modules", ".bin", name)
	if _, err := os.Stat(local); err == nil {
		return local
	}
	if path, err := exec.LookPath(name); err == nil {
		return path
	}
	Missing(t, name, "run make tools")
	return ""
}

// NodeModules returns the node_modules folder of `make tools`, holding the
// npm packages a node script run by a test may require; it checks that
// each named package is there.
func NodeModules(t testing.TB, packages ...string) string {
	t.Helper()
	dir := filepath.Join(Root(t), ".tools", "node_modules")
	for _, p := range packages {
		if _, err := os.Stat(filepath.Join(dir, p, "package.json")); err != nil {
			Missing(t, "the npm package "+p, "run make tools")
		}
	}
	if _, err := exec.LookPath("node"); err != nil {
		Missing(t, "node", "install Node.js")
	}
	return dir
}

// Program returns the path of the first of names found on PATH: a Debian
// program that .ci/run installs.
func Program(t testing.TB, names ...string) string {
	t.Helper()
	for _, n := range names {
		if path, err := exec.LookPath(n); err == nil {
			return path
		}
	}
	Missing(t, names[0], "apt-get install "+names[0]+" (.ci/run does)")
	return ""
}

// Chromium returns the system Chromium.
func Chromium(t testing.TB) string {
	t.Helper()
	return Program(t, "chromium", "chromium-browser", "google-chrome")
}
