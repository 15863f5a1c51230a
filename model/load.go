package model

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

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
	root, err := readYAML(file, &diags, overlay)
	if err != nil || root == nil {
		return nil, diags
	}
	p := &Policy{File: file}
	d := &decoder{diags: &diags, file: file}
	d.mapping(root, reflect.ValueOf(p).Elem(), nil)
	if d.exhausted() {
		// Rules on a half-expanded tree would only repeat the same finding.
		return nil, diags.Sorted()
	}
	l := &includer{
		tree:    filepath.Dir(filepath.Dir(absPath(file))),
		diags:   &diags,
		policy:  p,
		loading: []string{absPath(file)},
		loaded:  map[string]bool{absPath(file): true},
		overlay: overlay,
	}
	l.includeAll(file, p.Include)
	p.Texts = textFields(p)
	validate(p, &diags)
	return p, diags.Sorted()
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// readYAML reads file into a YAML node tree, refusing files over
// MaxFileSize and reporting syntax errors at their line.
func readYAML(file string, diags *Diagnostics, overlay Overlay) (*yaml.Node, error) {
	if data, ok := overlay[absPath(file)]; ok {
		if len(data) > MaxFileSize {
			diags.Errorf(Pos{File: file, Line: 1, Col: 1}, RuleFile, "split it into files of at most 10 MiB joined with include",
				"file is %.1f MiB; the limit is 10 MiB", float64(len(data))/(1<<20))
			return nil, errors.New("too large")
		}
		return parseYAML(file, data, diags)
	}
	f, err := os.Open(file)
	if err != nil {
		diags.Errorf(Pos{File: file}, RuleFile, "", "%s", describeFSError(err))
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		diags.Errorf(Pos{File: file}, RuleFile, "", "%s", describeFSError(err))
		return nil, err
	}
	if len(data) > MaxFileSize {
		size := "more than 10 MiB"
		if info, err := f.Stat(); err == nil {
			size = fmt.Sprintf("%.1f MiB", float64(info.Size())/(1<<20))
		}
		diags.Errorf(Pos{File: file, Line: 1, Col: 1}, RuleFile, "split it into files of at most 10 MiB joined with include",
			"file is %s; the limit is 10 MiB", size)
		return nil, errors.New("too large")
	}
	return parseYAML(file, data, diags)
}

// parseYAML parses data read from file, reporting a syntax error where the
// mistake is and in words a newcomer understands when it can be told.
func parseYAML(file string, data []byte, diags *Diagnostics) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
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
	return doc.Content[0], nil
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
	target := filepath.Clean(filepath.Join(filepath.Dir(absPath(from)), inc))
	if rel, err := filepath.Rel(l.tree, target); err != nil || !filepath.IsLocal(rel) {
		l.diags.Errorf(at, RuleInclude, "keep shared files in the folder that holds the policy folders",
			"include %q leaves the policy tree", inc)
		return
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
	l.policy.Includes = append(l.policy.Includes, display)
	if _, err := os.Stat(target); err != nil && l.overlay[target] == nil {
		l.diags.Errorf(at, RuleInclude, "", "include %q: %s", inc, describeFSError(err))
		return
	}
	root, err := readYAML(display, l.diags, l.overlay)
	if err != nil {
		return
	}
	var f includeFile
	d := &decoder{diags: l.diags, file: display}
	d.mapping(root, reflect.ValueOf(&f).Elem(), nil)
	l.loading = append(l.loading, target)
	l.includeAll(display, f.Include)
	l.loading = l.loading[:len(l.loading)-1]
	merge(&l.policy.Lists, &f.Lists)
}

// merge appends the lists of an included file to the policy's.
func merge(dst, src *Lists) {
	dv, sv := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for i := range dv.NumField() {
		dv.Field(i).Set(reflect.AppendSlice(dv.Field(i), sv.Field(i)))
	}
}
