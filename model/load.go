package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// PolicyFile is the file name that makes a folder a policy folder.
const PolicyFile = "policy.yaml"

// MaxFileSize is the largest YAML file policyc reads.
const MaxFileSize = 10 << 20

// Find expands the command-line paths into policy files: a policy file, a
// policy folder (holding policy.yaml), or a folder of policy folders.
func Find(paths []string) ([]string, Diagnostics) {
	var files []string
	var diags Diagnostics
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			diags.Errorf(Pos{File: p}, RuleFile, "", "%s", describeFSError(err))
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		if _, err := os.Stat(filepath.Join(p, PolicyFile)); err == nil {
			files = append(files, filepath.Join(p, PolicyFile))
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			diags.Errorf(Pos{File: p}, RuleFile, "", "%s", describeFSError(err))
			continue
		}
		found := false
		for _, e := range entries {
			f := filepath.Join(p, e.Name(), PolicyFile)
			if _, err := os.Stat(f); e.IsDir() && err == nil {
				files = append(files, f)
				found = true
			}
		}
		if !found {
			diags.Errorf(Pos{File: p}, RuleFile, "give a policy.yaml, a folder holding one, or a folder of such folders",
				"no %s found", PolicyFile)
		}
	}
	return files, diags
}

func describeFSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return "no such file or folder"
		case errors.Is(err, fs.ErrPermission):
			return "permission denied"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// Load finds and loads every policy under paths. It reports what the
// loader finds; the rules are applied by package lint.
func Load(paths []string) ([]*Policy, Diagnostics) {
	files, diags := Find(paths)
	var policies []*Policy
	for _, f := range files {
		p, ds := LoadFile(f)
		diags = append(diags, ds...)
		if p != nil {
			policies = append(policies, p)
		}
	}
	return policies, diags.Sorted()
}

// LoadFile loads the policy in file with its includes. The
// policy is nil when the file cannot be read or parsed at all.
func LoadFile(file string) (*Policy, Diagnostics) { return LoadFileOverlay(file, nil) }

// Overlay holds contents that stand in for files on disk, by absolute path:
// the unsaved buffers of an editor, which the language server checks.
type Overlay map[string][]byte

// LoadFileOverlay is LoadFile reading the files in overlay from it.
func LoadFileOverlay(file string, overlay Overlay) (*Policy, Diagnostics) {
	var diags Diagnostics
	root, src, err := readYAML(file, Pos{File: file, Line: 1, Col: 1}, &diags, overlay)
	if err != nil || root == nil {
		return nil, diags
	}
	p := &Policy{File: file}
	d := &decoder{diags: &diags, file: file, src: src}
	d.mapping(root, reflect.ValueOf(p).Elem(), nil)
	if d.exhausted() {
		// Rules on a half-expanded tree would only repeat the same finding.
		return nil, diags.Sorted()
	}
	l := &includer{
		tree:    Tree(file),
		real:    realPath(Tree(file)),
		diags:   &diags,
		policy:  p,
		loading: []string{absPath(file)},
		loaded:  map[string]bool{absPath(file): true},
		overlay: overlay,
	}
	l.includeAll(file, p.Include)
	nameAuthorities(p)
	p.Texts = textFields(p)
	validate(p, &diags)
	for i := range diags {
		// A finding on a value the decoder could not place still names
		// the policy, never an empty file.
		if diags[i].Pos.File == "" {
			diags[i].Pos = Pos{File: file, Line: 1, Col: 1}
		}
	}
	return p, diags.Sorted()
}

// Tree is the policy tree of the policy in file: the folder that holds its
// policy folder. Includes are read, and files written, only inside it.
func Tree(file string) string { return filepath.Dir(filepath.Dir(absPath(file))) }

// realPath resolves the symbolic links in p, which must exist.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// readYAML reads file into a YAML node tree, refusing anything but a
// regular file (a FIFO would block forever, a device never end), files over
// MaxFileSize, a second document and tags outside YAML's core schema, and
// reporting syntax errors at their line. Errors about the file as a whole
// are reported at "at": the include that names it, or 1:1 of the file.
func readYAML(file string, at Pos, diags *Diagnostics, overlay Overlay) (*yaml.Node, []byte, error) {
	if data, ok := overlay[absPath(file)]; ok {
		if len(data) > MaxFileSize {
			diags.Errorf(Pos{File: file, Line: 1, Col: 1}, RuleFile, "split it into files of at most 10 MiB joined with include",
				"file is %.1f MiB; the limit is 10 MiB", float64(len(data))/(1<<20))
			return nil, nil, errors.New("too large")
		}
		n, err := parseCached(file, data, diags)
		return n, data, err
	}
	name := "" // the file's name, when "at" lies in another file
	if at.File != file {
		name = DisplayPath(file) + ": "
	}
	// Stat before opening: opening a FIFO waits for a writer.
	if info, err := os.Stat(file); err != nil {
		diags.Errorf(at, RuleFile, "", "%s%s", name, describeFSError(err))
		return nil, nil, err
	} else if !info.Mode().IsRegular() {
		diags.Errorf(at, RuleFile, "name a YAML file", "%sis %s, not a file", name, fileKind(info.Mode()))
		return nil, nil, errors.New("not a regular file")
	}
	f, err := os.Open(file)
	if err != nil {
		diags.Errorf(at, RuleFile, "", "%s%s", name, describeFSError(err))
		return nil, nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		diags.Errorf(at, RuleFile, "name a YAML file", "%snot a file", name)
		return nil, nil, errors.New("not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		diags.Errorf(at, RuleFile, "", "%s%s", name, describeFSError(err))
		return nil, nil, err
	}
	if len(data) > MaxFileSize {
		size := "more than 10 MiB"
		if info, err := f.Stat(); err == nil {
			size = fmt.Sprintf("%.1f MiB", float64(info.Size())/(1<<20))
		}
		diags.Errorf(Pos{File: file, Line: 1, Col: 1}, RuleFile, "split it into files of at most 10 MiB joined with include",
			"file is %s; the limit is 10 MiB", size)
		return nil, nil, errors.New("too large")
	}
	n, err := parseCached(file, data, diags)
	return n, data, err
}

// parsedFiles keeps the YAML tree of each small file by its path with the
// bytes it was parsed from: a shared file included by several policies is
// parsed once, and the preview and the language server parse again only
// what changed. The decoder only reads a tree, so policies loaded at once
// share it. A large file is never kept, so a large policy's tree is freed
// as soon as it is decoded.
var parsedFiles = struct {
	sync.Mutex
	m map[string]parsedFile
}{m: map[string]parsedFile{}}

type parsedFile struct {
	data []byte
	root *yaml.Node
}

const maxParsedFileSize = 1 << 20

// ForgetParsedFiles drops every kept YAML tree, so that the next load
// parses every file again, as a new process would.
func ForgetParsedFiles() {
	parsedFiles.Lock()
	clear(parsedFiles.m)
	parsedFiles.Unlock()
}

func parseCached(file string, data []byte, diags *Diagnostics) (*yaml.Node, error) {
	if len(data) > maxParsedFileSize {
		return parseYAML(file, data, diags)
	}
	key := absPath(file)
	parsedFiles.Lock()
	f, ok := parsedFiles.m[key]
	parsedFiles.Unlock()
	if ok && bytes.Equal(f.data, data) {
		return f.root, nil
	}
	root, err := parseYAML(file, data, diags)
	if err != nil {
		return nil, err
	}
	parsedFiles.Lock()
	parsedFiles.m[key] = parsedFile{data: bytes.Clone(data), root: root}
	parsedFiles.Unlock()
	return root, nil
}

// parseYAML parses data read from file, reporting a syntax error where the
// mistake is and in words a newcomer understands when it can be told.
func parseYAML(file string, data []byte, diags *Diagnostics) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		line, msg := syntaxError(err)
		if h, ok := diagnoseSyntax(data, line, msg); ok {
			diags.Errorf(Pos{File: file, Line: h.line, Col: h.col}, RuleSyntax, h.fix, "%s", h.msg)
		} else {
			diags.Errorf(Pos{File: file, Line: max(line, 1), Col: 1}, RuleSyntax, "", "%s", msg)
		}
		return nil, err
	}
	if len(doc.Content) == 0 {
		diags.Errorf(Pos{File: file, Line: 1, Col: 1}, RuleFile, "", "file is empty")
		return nil, errors.New("empty")
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		line := next.Line
		if err != nil {
			line, _ = syntaxError(err)
		}
		diags.Errorf(Pos{File: file, Line: max(line, 1), Col: 1}, RuleSyntax, `remove the "---" line and what follows, or move it to a file of its own joined with include`,
			"a second YAML document; a policy file holds one")
		return nil, errors.New("second document")
	}
	if !coreTags(doc.Content[0], file, diags) {
		return nil, errors.New("tags")
	}
	return doc.Content[0], nil
}

// coreTags reports every node whose explicit tag is outside YAML's core
// schema (!!binary, !!set, !custom…): policyc reads text, numbers, yes/no,
// lists and mappings, and a tag that asks for more would be silently
// read as text.
func coreTags(root *yaml.Node, file string, diags *Diagnostics) bool {
	ok := true
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode {
			return // its anchor is walked where it is defined
		}
		if n.Style&yaml.TaggedStyle != 0 {
			switch n.Tag {
			case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq":
			default:
				ok = false
				diags.Errorf(Pos{File: file, Line: n.Line, Col: n.Column}, RuleWrongType, "remove the tag; write the value as plain text",
					"YAML tag %s is not supported; policyc reads text, numbers, true/false, lists and mappings", n.Tag)
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	return ok
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// syntaxError splits yaml's "yaml: line N: message" into its parts; the
// parser reports positions only in its message.
func syntaxError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		_, rest, _ := strings.Cut(msg, ": ")
		return line, "invalid YAML: " + rest
	}
	return 1, "invalid YAML: " + msg
}

// includeFile is what an included file may hold.
type includeFile struct {
	Node
	Include []IncludePath
	Lists
}

type includer struct {
	tree    string // the folder holding the policy folders; includes stay inside it
	real    string // tree with its symbolic links resolved
	diags   *Diagnostics
	policy  *Policy
	loading []string // the chain of files being loaded, for cycle reports
	loaded  map[string]bool
	overlay Overlay
}

func (l *includer) includeAll(from string, includes []IncludePath) {
	for _, inc := range includes {
		l.include(from, inc.Path, inc.Pos)
	}
}

func (l *includer) include(from, inc string, at Pos) {
	if filepath.IsAbs(inc) {
		l.diags.Errorf(at, RuleInclude, "write the path relative to the including file", "include %q is an absolute path", inc)
		return
	}
	if inc == "" {
		l.diags.Errorf(at, RuleInclude, "name a YAML file, e.g. ../shared/vendors.yaml", "include is empty")
		return
	}
	target := filepath.Clean(filepath.Join(filepath.Dir(absPath(from)), inc))
	if !within(l.tree, target) {
		l.diags.Errorf(at, RuleInclude, "keep shared files in the folder that holds the policy folders",
			"include %q leaves the policy tree", inc)
		return
	}
	// A symbolic link may point anywhere: the file it names must lie in
	// the tree too.
	if real, err := filepath.EvalSymlinks(target); err == nil {
		if !within(l.real, real) {
			l.diags.Errorf(at, RuleInclude, "copy the file into the policy tree instead of linking to it",
				"include %q leads through a symbolic link out of the policy tree", inc)
			return
		}
	}
	for i, f := range l.loading {
		if f == target {
			chain := append(append([]string{}, l.loading[i:]...), target)
			for j := range chain {
				chain[j] = filepath.Base(chain[j])
			}
			l.diags.Errorf(at, RuleInclude, "remove one of the includes", "include cycle: %s", strings.Join(chain, " → "))
			return
		}
	}
	if l.loaded[target] {
		return
	}
	l.loaded[target] = true
	display := filepath.Join(filepath.Dir(from), inc)
	if info, err := os.Stat(target); l.overlay[target] != nil {
		// an editor's buffer, read below
	} else if err != nil {
		l.diags.Errorf(at, RuleInclude, "", "include %q: %s", inc, describeFSError(err))
		return
	} else if !info.Mode().IsRegular() {
		l.diags.Errorf(at, RuleInclude, "name a YAML file, e.g. ../shared/vendors.yaml", "include %q is %s, not a file", inc, fileKind(info.Mode()))
		return
	}
	// Only regular files inside the tree are listed: later steps
	// (suppression comments, the output check of build) read or guard them.
	l.policy.Includes = append(l.policy.Includes, display)
	root, src, err := readYAML(display, at, l.diags, l.overlay)
	if err != nil {
		return
	}
	var f includeFile
	d := &decoder{diags: l.diags, file: display, src: src}
	d.mapping(root, reflect.ValueOf(&f).Elem(), nil)
	l.loading = append(l.loading, target)
	l.includeAll(display, f.Include)
	l.loading = l.loading[:len(l.loading)-1]
	merge(&l.policy.Lists, &f.Lists)
}

// within reports whether path lies inside dir.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && filepath.IsLocal(rel)
}

// merge appends the lists of an included file to the policy's.
func merge(dst, src *Lists) {
	dv, sv := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for i := range dv.NumField() {
		dv.Field(i).Set(reflect.AppendSlice(dv.Field(i), sv.Field(i)))
	}
}
