package main

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Killing a build at any moment leaves out holding either the previous
// or the new complete build, and the next build removes whatever the killed
// ones left beside it.
func TestBuildKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 50 builds")
	}
	policyc, err := exec.LookPath("policyc")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	build := func(out string) time.Duration {
		t.Helper()
		cmd := exec.Command(policyc, "build", "policies", "--out", out)
		cmd.Dir = dir
		start := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		return time.Since(start)
	}
	writePolicy(t, dir, "1")
	build("ref1")
	writePolicy(t, dir, "2")
	took := build("ref2")
	versions := map[string]map[string]string{"1": readTree(t, filepath.Join(dir, "ref1")), "2": readTree(t, filepath.Join(dir, "ref2"))}
	for _, ref := range []string{"ref1", "ref2"} {
		if err := os.RemoveAll(filepath.Join(dir, ref)); err != nil {
			t.Fatal(err)
		}
	}
	writePolicy(t, dir, "1")
	build("out")

	// A reader polling the output while builds come and go must always
	// find it, where the system exchanges folders in one rename.
	out := filepath.Join(dir, "out")
	var missing atomic.Int64
	done := make(chan struct{})
	polled := make(chan struct{})
	go func() {
		defer close(polled)
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := os.Stat(filepath.Join(out, "en", "mini.html")); err != nil {
				missing.Add(1)
			}
			time.Sleep(200 * time.Microsecond)
		}
	}()

	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 50 {
		next := []string{"1", "2"}[i%2]
		writePolicy(t, dir, next)
		cmd := exec.Command(policyc, "build", "policies", "--out", "out")
		cmd.Dir = dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took) * 5 / 4)))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		got := readTree(t, out)
		if !equalTrees(got, versions["1"]) && !equalTrees(got, versions["2"]) {
			t.Fatalf("kill %d: out is neither build: %d files", i, len(got))
		}
	}
	close(done)
	<-polled
	if n := missing.Load(); n > 0 && runtime.GOOS == "linux" {
		t.Errorf("a reader found out/en/mini.html missing %d times", n)
	}

	build("out")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "out policies" {
		t.Errorf("after the next build the folder holds %s, want out policies", got)
	}
	if !equalTrees(readTree(t, out), versions["2"]) {
		t.Errorf("the next build did not write the new pages")
	}
}

func writePolicy(t *testing.T, dir, version string) {
	t.Helper()
	file := filepath.Join(dir, "policies", "mini", "policy.yaml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	policy := `id: mini
kind: privacy-policy
title: {en: Mini, nl: Mini, fr: Mini}
languages: [en, nl, fr]
version: "` + version + `"
effective: 2021-03-22
controllers:
  - {id: mini, name: Mini Ltd, address: {city: Dublin, country: IE}}
sections:
  - id: about
    title: {en: About, nl: Over, fr: À propos}
    body: {en: We keep little., nl: We bewaren weinig., fr: Nous gardons peu.}
    blocks: [controllers]
`
	if err := os.WriteFile(file, []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatalf("reading the output: %v", err)
	}
	return files
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for name, s := range a {
		if t, ok := b[name]; !ok || t != s {
			return false
		}
	}
	return true
}

// TestBatchMemory checks that commands run at once in one process share
// the collector's settings, and that the last one out puts back the
// process's own, whatever order they finish in.
func TestBatchMemory(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		t.Skip("GOMEMLIMIT or GOGC set: batchMemory leaves the collector alone")
	}
	gcPercent := func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	// A limit of the process's own, below what a build sets.
	processLimit := debug.SetMemoryLimit(64 << 20)
	t.Cleanup(func() { debug.SetMemoryLimit(processLimit) })
	ownLimit, ownPercent := debug.SetMemoryLimit(-1), gcPercent()
	small := t.TempDir()
	large := t.TempDir()
	if err := os.WriteFile(filepath.Join(large, "policy.yaml"), make([]byte, 20<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	growMemoryLimit([]string{filepath.Join(large, "policy.yaml")})
	if got := debug.SetMemoryLimit(-1); got != ownLimit {
		t.Errorf("with no build running growMemoryLimit set the limit to %d", got)
	}
	restoreSmall := batchMemory([]string{small})
	if got := gcPercent(); got != -1 {
		t.Errorf("during a build the collector percentage is %d, want -1", got)
	}
	if got := debug.SetMemoryLimit(-1); got != minBuildMemoryLimit {
		t.Errorf("limit for a small input = %d, want %d", got, minBuildMemoryLimit)
	}
	// An include outside the paths, read twice.
	include := filepath.Join(large, "policy.yaml")
	growMemoryLimit([]string{include, include})
	if got, want := debug.SetMemoryLimit(-1), int64(heapPerInputByte*20<<20); got != want {
		t.Errorf("limit after reading a large include = %d, want %d", got, want)
	}
	debug.SetMemoryLimit(minBuildMemoryLimit)
	restoreLarge := batchMemory([]string{large})
	if got, want := debug.SetMemoryLimit(-1), int64(heapPerInputByte*20<<20); got != want {
		t.Errorf("limit with a large input too = %d, want %d", got, want)
	}
	restoreSmall()
	if got := gcPercent(); got != -1 {
		t.Errorf("with one build still running the percentage is %d, want -1", got)
	}
	restoreLarge()
	if got := gcPercent(); got != ownPercent {
		t.Errorf("after both the percentage is %d, want %d", got, ownPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != ownLimit {
		t.Errorf("after both the limit is %d, want %d", got, ownLimit)
	}
}
