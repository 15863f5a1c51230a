package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/policyc/policyc/internal/journal"
)

// OutputMarker is the file that identifies a folder as policyc's output.
// A build replaces such a folder as a whole; any other non-empty folder is
// refused unless the user says --force, so a mistyped --out cannot delete
// someone's work.
const OutputMarker = ".policyc-output"

const markerText = "This folder is written by policyc build and replaced as a whole on every build.\n"

// UnsafeOutError says why a folder must not be used as the output; the
// message names the fix.
type UnsafeOutError struct{ Msg string }

func (e *UnsafeOutError) Error() string { return e.Msg }

func unsafeOut(format string, args ...any) error {
	return &UnsafeOutError{fmt.Sprintf(format, args...)}
}

// CheckOut refuses an output folder that a build must not replace: one
// that is, holds or lies inside an input (a folder or file given on the
// command line or read while loading), a folder that is or holds a git
// repository's .git, and a non-empty folder policyc did not write, unless
// force is set. Inputs that do not exist are skipped: loading reports them.
func CheckOut(out string, inputs []string, force bool) error {
	abs, err := resolvePath(out)
	if err != nil {
		return err
	}
	if info, err := os.Lstat(out); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return unsafeOut("--out %s is a symbolic link; give the folder it points to (%s) or another folder", out, abs)
	}
	for _, part := range strings.Split(filepath.ToSlash(abs), "/") {
		if part == ".git" {
			return unsafeOut("--out %s lies inside a git repository's .git folder; give a folder outside it, e.g. --out out", out)
		}
	}
	for _, in := range inputs {
		inAbs, err := resolvePath(in)
		if err != nil {
			continue
		}
		if _, err := os.Lstat(inAbs); err != nil {
			continue
		}
		switch {
		case inAbs == abs:
			return unsafeOut("--out %s is the input %s, and a build would replace it; give another folder, e.g. --out out", out, in)
		case within(inAbs, abs):
			return unsafeOut("--out %s holds the input %s, and a build would replace it; give a folder beside the policies, e.g. --out out", out, in)
		case within(abs, inAbs):
			return unsafeOut("--out %s lies inside the input %s; give a folder outside it, e.g. --out out", out, in)
		}
	}
	info, err := os.Stat(abs)
	if err != nil {
		// Nothing there to lose; writing reports why it cannot be made.
		return nil
	}
	if !info.IsDir() {
		return unsafeOut("--out %s is a file; give a folder", out)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
		return unsafeOut("--out %s holds a git repository (.git); give another folder, e.g. --out %s", out, filepath.Join(out, "out"))
	}
	if _, err := os.Stat(filepath.Join(abs, OutputMarker)); err == nil {
		return nil
	}
	if !force {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		more := ""
		if len(names) > 3 {
			more = fmt.Sprintf(" and %d more", len(names)-3)
			names = names[:3]
		}
		return unsafeOut("--out %s holds files policyc did not write (%s%s), and a build replaces the whole folder; give a new or empty folder, or add --force to replace it",
			out, strings.Join(names, ", "), more)
	}
	// --force takes over the folder, but never a repository inside it.
	return filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" {
			rel, _ := filepath.Rel(abs, path)
			return unsafeOut("--out %s holds a git repository (%s) that --force would delete; give another folder", out, filepath.Join(out, rel))
		}
		return nil
	})
}

// resolvePath makes p absolute and resolves the symbolic links of the part of
// it that exists, so that two spellings of one folder compare equal.
func resolvePath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			slices.Reverse(rest)
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		rest = append(rest, filepath.Base(dir))
		dir = parent
	}
}

// within reports whether path lies strictly inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// Temporary folders beside the output: the new build is written to
// .<dir>.policyc-new, and the previous output waits in .<dir>.policyc-old
// where the folders cannot be exchanged in one step. Earlier versions used
// .<dir>.new-<random>[.old]; the next build removes those too.
func tempNames(dir string) (newDir, oldDir string, stale *regexp.Regexp) {
	parent, base := filepath.Split(dir)
	prefix := "." + base
	return filepath.Join(parent, prefix+".policyc-new"), filepath.Join(parent, prefix+".policyc-old"),
		regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `\.(policyc-new|policyc-old|new-[0-9]+(\.old)?)$`)
}

// WriteAtomic replaces dir with a folder holding exactly files and the
// output marker, so that dir always exists with either the previous or the
// new complete build, even when the build is killed: the files are written
// to a folder beside dir, which is then exchanged with dir in one rename
// (renameat2 RENAME_EXCHANGE on Linux). Where the system cannot exchange,
// dir is missing between two renames; a build killed in that window leaves
// the previous output beside it, and the next build puts it back first.
// Builds into one parent folder take turns (a lock on the parent), and each
// removes what killed builds left behind.
func WriteAtomic(dir string, files map[string][]byte) error {
	return replaceDir(dir, func(newDir string) error {
		names := make([]string, 0, len(files))
		for name := range files {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			path := filepath.Join(newDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, files[name], 0o644); err != nil {
				return err
			}
		}
		return nil
	})
}

// replaceDir replaces dir as WriteAtomic says, with the folder fill writes
// and the output marker; when fill fails, dir is left as it was.
func replaceDir(dir string, fill func(newDir string) error) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := journal.LockDir(parent)
	if err != nil {
		return err
	}
	defer unlock()
	newDir, oldDir, stale := tempNames(dir)
	if err := recoverOutput(dir, oldDir, stale); err != nil {
		return err
	}
	if err := os.Mkdir(newDir, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(newDir)
	if err := fill(newDir); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(newDir, OutputMarker), []byte(markerText), 0o644); err != nil {
		return err
	}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(newDir, dir)
	}
	switch err := exchange(newDir, dir); {
	case err == nil:
		// newDir now holds the previous output; the deferred RemoveAll
		// deletes it.
		return nil
	case !errors.Is(err, errNoExchange):
		return err
	}
	if err := os.Rename(dir, oldDir); err != nil {
		return err
	}
	if err := os.Rename(newDir, dir); err != nil {
		_ = os.Rename(oldDir, dir)
		return err
	}
	return os.RemoveAll(oldDir)
}

// recoverOutput undoes what a killed build left: the previous output put
// back if the build died between its two renames, and every temporary
// folder removed.
func recoverOutput(dir, oldDir string, stale *regexp.Regexp) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(oldDir, OutputMarker)); err == nil {
			if err := os.Rename(oldDir, dir); err != nil {
				return err
			}
		}
	}
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		return err
	}
	for _, e := range entries {
		if stale.MatchString(e.Name()) {
			if err := os.RemoveAll(filepath.Join(filepath.Dir(dir), e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// errNoExchange says the system cannot exchange two folders in one rename.
var errNoExchange = errors.New("exchange not supported")
