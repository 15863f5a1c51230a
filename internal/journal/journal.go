// Package journal replaces several files of a policy tree all together or
// not at all, even when the process is killed halfway: the new contents are
// written beside their targets first, a journal in the tree lists them, and
// only then are they renamed into place. The next command that loads a
// policy of the tree finds a journal left behind and finishes the renames
// or, when the new contents were not all written yet, removes them.
package journal

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Name is the journal's file name in the policy tree (the folder that
// holds the policy folders).
const Name = ".policyc-journal"

// newSuffix marks the file a new content is written to, beside its target:
// .policy.yaml.policyc-new-<hex>.
const newSuffix = ".policyc-new-"

// The journal's states: in prepare, the new contents may be incomplete and
// are thrown away; in commit, they are complete and are renamed into place.
const (
	statePrepare = "prepare"
	stateCommit  = "commit"
)

type journal struct {
	State string  `json:"state"`
	Files []entry `json:"files"`
}

// entry is one file to replace; both paths are relative to the tree, with
// slashes.
type entry struct {
	New    string `json:"new"`
	Target string `json:"target"`
}

// StepDelay, zero outside tests, is a pause after each step of Write that
// another process could see (the journal saved, a new content written, a
// file renamed): a test that kills writers at random moments widens the
// moments between steps with it, so that its kills land there.
var StepDelay time.Duration

func step() {
	if StepDelay > 0 {
		time.Sleep(StepDelay)
	}
}

// File is a file to write and its new content.
type File struct {
	Path string
	Data []byte
}

// Write replaces files, all of which must lie inside tree after resolving
// symbolic links, with their new contents: all of them or, if the process
// dies or an error stops it before the journal is committed, none. A file
// that already holds its content is left alone. Writers of one tree take
// turns. After an error past the commit, the journal stays for the next
// command to finish.
func Write(tree string, files []File) error {
	real, err := Resolve(tree)
	if err != nil {
		return err
	}
	unlock, err := LockDir(real)
	if err != nil {
		return err
	}
	defer unlock()
	var entries []entry
	var data [][]byte
	for _, f := range files {
		if old, err := os.ReadFile(f.Path); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		abs, err := Resolve(f.Path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(real, abs)
		if err != nil || !filepath.IsLocal(rel) {
			return fmt.Errorf("%s lies outside the policy tree %s", f.Path, real)
		}
		suffix := make([]byte, 6)
		if _, err := rand.Read(suffix); err != nil {
			return err
		}
		tmp := filepath.Join(filepath.Dir(rel), "."+filepath.Base(rel)+newSuffix+hex.EncodeToString(suffix))
		entries = append(entries, entry{New: filepath.ToSlash(tmp), Target: filepath.ToSlash(rel)})
		data = append(data, f.Data)
	}
	if len(entries) == 0 {
		return nil
	}
	j := &journal{State: statePrepare, Files: entries}
	if err := j.save(real); err != nil {
		return err
	}
	step()
	committed := false
	defer func() {
		if !committed {
			rollBack(real, j)
		}
	}()
	for i, e := range entries {
		if err := writeNew(real, e, data[i]); err != nil {
			return err
		}
		step()
	}
	j.State = stateCommit
	if err := j.save(real); err != nil {
		return err
	}
	committed = true
	step()
	return finish(real, j)
}

// Resolve returns the absolute path of the file a write to path replaces:
// the target of a symbolic link rather than the link, so that the link
// stays; path itself need not exist, its folder must.
func Resolve(path string) (string, error) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return filepath.Abs(real)
	} else if _, lerr := os.Lstat(path); lerr == nil {
		return "", err // a link to nothing
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(path))
	if err != nil {
		return "", err
	}
	return filepath.Abs(filepath.Join(dir, filepath.Base(path)))
}

// writeNew writes the new content of e's target beside it, with the
// target's permissions, and syncs it.
func writeNew(tree string, e entry, data []byte) error {
	target, tmp := filepath.Join(tree, e.Target), filepath.Join(tree, e.New)
	mode := os.FileMode(0o644)
	if info, err := os.Stat(target); err == nil {
		mode = info.Mode().Perm()
	}
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	// The umask may have narrowed the mode given to OpenFile.
	return os.Chmod(tmp, mode)
}

// save writes the journal into tree in one rename, so that it is read
// either as it was or as it is now.
func (j *journal) save(tree string) error {
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	next := filepath.Join(tree, Name+".new")
	f, err := os.OpenFile(next, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(append(data, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(next, filepath.Join(tree, Name))
	}
	if err != nil {
		os.Remove(next)
		return err
	}
	return syncDir(tree)
}

// finish renames the new contents of a committed journal into place, those
// not renamed yet, and removes the journal.
func finish(tree string, j *journal) error {
	for _, e := range j.Files {
		err := os.Rename(filepath.Join(tree, e.New), filepath.Join(tree, e.Target))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("replacing %s: %v", e.Target, err)
		}
		step()
	}
	if err := syncDir(tree); err != nil {
		return err
	}
	return os.Remove(filepath.Join(tree, Name))
}

// rollBack removes the new contents of a journal not committed, and the
// journal.
func rollBack(tree string, j *journal) {
	for _, e := range j.Files {
		os.Remove(filepath.Join(tree, e.New))
	}
	os.Remove(filepath.Join(tree, Name))
	os.Remove(filepath.Join(tree, Name+".new"))
}

// Recovery is what Recover did with a journal left behind.
type Recovery struct {
	Journal  string   // the journal's path
	Finished bool     // the files were replaced; otherwise they were left as they were
	Files    []string // the files the journal lists, as paths under the tree given
}

func (r *Recovery) String() string {
	if r.Finished {
		return fmt.Sprintf("finished the write that %s records, which was interrupted: %s now hold the new contents",
			r.Journal, strings.Join(r.Files, ", "))
	}
	return fmt.Sprintf("rolled back the write that %s records, which was interrupted before it was complete: %s are left as they were",
		r.Journal, strings.Join(r.Files, ", "))
}

// Recover finishes or rolls back the write a journal in tree records, and
// says which; it returns nil when tree holds no journal. A journal that
// policyc cannot have written (a path outside the tree, a new file not
// beside its target) is an error, and is left for a person to look at.
func Recover(tree string) (*Recovery, error) {
	path := filepath.Join(tree, Name)
	_, err := os.Lstat(path)
	_, errNext := os.Lstat(path + ".new")
	if errors.Is(err, fs.ErrNotExist) && errors.Is(errNext, fs.ErrNotExist) {
		return nil, nil
	}
	real, err := Resolve(tree)
	if err != nil {
		return nil, err
	}
	unlock, err := LockDir(real)
	if err != nil {
		return nil, err
	}
	defer unlock()
	data, err := os.ReadFile(filepath.Join(real, Name))
	if errors.Is(err, fs.ErrNotExist) {
		// Either a writer finished meanwhile, or one died writing its
		// first journal, before any new content was written.
		os.Remove(filepath.Join(real, Name+".new"))
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("the journal cannot be read (%v); remove it, then check the files the last i18n import or confirm wrote", err)
	}
	if err := j.check(real); err != nil {
		return nil, fmt.Errorf("the journal was not written by policyc (%v); remove it", err)
	}
	r := &Recovery{Journal: path}
	for _, e := range j.Files {
		r.Files = append(r.Files, filepath.Join(tree, filepath.FromSlash(e.Target)))
	}
	if j.State != stateCommit {
		rollBack(real, &j)
		return r, nil
	}
	if err := finish(real, &j); err != nil {
		return nil, err
	}
	os.Remove(filepath.Join(real, Name+".new"))
	r.Finished = true
	return r, nil
}

// check refuses a journal whose renames could reach anything but the new
// contents policyc writes beside files of the tree.
func (j *journal) check(tree string) error {
	if j.State != statePrepare && j.State != stateCommit {
		return fmt.Errorf("unknown state %q", j.State)
	}
	if len(j.Files) == 0 {
		return errors.New("it lists no files")
	}
	for _, e := range j.Files {
		target, tmp := filepath.FromSlash(e.Target), filepath.FromSlash(e.New)
		if !filepath.IsLocal(target) || !filepath.IsLocal(tmp) || filepath.Dir(tmp) != filepath.Dir(target) ||
			!strings.HasPrefix(filepath.Base(tmp), "."+filepath.Base(target)+newSuffix) {
			return fmt.Errorf("%q is not a new content beside %q", e.New, e.Target)
		}
		dir, err := filepath.EvalSymlinks(filepath.Join(tree, filepath.Dir(target)))
		if err != nil {
			return err
		}
		if rel, err := filepath.Rel(tree, dir); err != nil || !filepath.IsLocal(rel) && rel != "." {
			return fmt.Errorf("%q leads out of the tree", e.Target)
		}
	}
	return nil
}
