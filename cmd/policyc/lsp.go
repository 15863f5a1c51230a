package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/lint"
	"github.com/policyc/policyc/render"
	"github.com/spf13/cobra"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
	"github.com/tliron/glsp/server"
)

func newLspCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server, over standard input and output",
		Long: `Lsp runs a Language Server Protocol server for policy files over standard
input and output; editors start it themselves (see the README for VS Code,
Neovim and Helix).

On every opened or changed buffer it publishes the diagnostics check would
print, read from the editor's buffers where they are open and from disk
otherwise. It completes keys, vocabulary values and the ids a reference may
name; shows on hover how a duration, country, date or legal basis reads in
each language of the policy, and the doc of a rule ID; goes to the
definition of a referenced id, across included files; and offers each
"did you mean" fix as a code action.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			ls := newLangServer()
			if err := server.NewServer(ls.handler(), "policyc", false).RunStdio(); err != nil {
				return failure{err}
			}
			return nil
		},
	}
}

// langServer holds the open buffers and what the last check of each policy
// found.
type langServer struct {
	mu       sync.Mutex
	docs     map[string]string          // absolute path → buffer text
	policies map[string]*model.Policy   // policy file → the policy last loaded from it
	files    map[string][]string        // policy file → the files diagnostics were published for
	diags    map[string][]lspDiagnostic // file → its published diagnostics
	schema   *schemaTree
}

// lspDiagnostic is a published diagnostic and the replacement its fix
// proposes, if any.
type lspDiagnostic struct {
	protocol.Diagnostic
	replace *string
}

func newLangServer() *langServer {
	return &langServer{
		docs:     map[string]string{},
		policies: map[string]*model.Policy{},
		files:    map[string][]string{},
		diags:    map[string][]lspDiagnostic{},
		schema:   mustSchemaTree(),
	}
}

func (ls *langServer) handler() *protocol.Handler {
	return &protocol.Handler{
		Initialize: func(_ *glsp.Context, _ *protocol.InitializeParams) (any, error) {
			version := "0"
			return protocol.InitializeResult{
				Capabilities: protocol.ServerCapabilities{
					TextDocumentSync: &protocol.TextDocumentSyncOptions{
						OpenClose: ptrTo(true),
						Change:    ptrTo(protocol.TextDocumentSyncKindFull),
					},
					CompletionProvider: &protocol.CompletionOptions{TriggerCharacters: []string{":", " ", "[", ",", "-"}},
					HoverProvider:      true,
					DefinitionProvider: true,
					CodeActionProvider: true,
				},
				ServerInfo: &protocol.InitializeResultServerInfo{Name: "policyc", Version: &version},
			}, nil
		},
		Initialized: func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown:    func(*glsp.Context) error { return nil },
		SetTrace:    func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen: func(ctx *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
			ls.update(ctx, p.TextDocument.URI, &p.TextDocument.Text)
			return nil
		},
		TextDocumentDidChange: func(ctx *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
			for _, c := range p.ContentChanges {
				switch c := c.(type) {
				case protocol.TextDocumentContentChangeEventWhole:
					ls.update(ctx, p.TextDocument.URI, &c.Text)
				case protocol.TextDocumentContentChangeEvent:
					if c.Range == nil {
						ls.update(ctx, p.TextDocument.URI, &c.Text)
					}
				}
			}
			return nil
		},
		TextDocumentDidSave: func(ctx *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
			ls.update(ctx, p.TextDocument.URI, nil)
			return nil
		},
		TextDocumentDidClose: func(ctx *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
			ls.mu.Lock()
			delete(ls.docs, uriPath(p.TextDocument.URI))
			ls.mu.Unlock()
			return nil
		},
		TextDocumentCompletion: func(_ *glsp.Context, p *protocol.CompletionParams) (any, error) {
			return ls.complete(uriPath(p.TextDocument.URI), p.Position), nil
		},
		TextDocumentHover: func(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
			return ls.hover(uriPath(p.TextDocument.URI), p.Position), nil
		},
		TextDocumentDefinition: func(_ *glsp.Context, p *protocol.DefinitionParams) (any, error) {
			if loc := ls.definition(uriPath(p.TextDocument.URI), p.Position); loc != nil {
				return loc, nil
			}
			return nil, nil
		},
		TextDocumentCodeAction: func(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
			return ls.codeActions(p.TextDocument.URI, p.Range), nil
		},
	}
}

func ptrTo[T any](v T) *T { return &v }

// uriPath is the absolute file path of a file: URI.
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	return filepath.Clean(u.Path)
}

func pathURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// text returns the buffer of file, or its content on disk.
func (ls *langServer) text(file string) string {
	if s, ok := ls.docs[file]; ok {
		return s
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	return string(b)
}

// update records a buffer (nil: the file was saved, read it from disk),
// checks the policy the file belongs to and publishes its diagnostics.
func (ls *langServer) update(ctx *glsp.Context, uri string, text *string) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	file := uriPath(uri)
	if text != nil {
		ls.docs[file] = *text
	}
	policyFile := ls.policyFor(file)
	if policyFile == "" {
		return
	}
	overlay := model.Overlay{}
	for f, s := range ls.docs {
		overlay[f] = []byte(s)
	}
	policies, diags := loadChecked([]string{policyFile}, checkScope{Translations: true, Overlay: overlay})
	files := []string{policyFile}
	if len(policies) == 1 {
		ls.policies[policyFile] = policies[0]
		for _, inc := range policies[0].Includes {
			files = append(files, absFile(inc))
		}
	}
	byFile := map[string][]lspDiagnostic{}
	for _, d := range diags {
		f := absFile(d.Pos.File)
		if !slices.Contains(files, f) {
			files = append(files, f)
		}
		byFile[f] = append(byFile[f], ls.diagnostic(d, ls.text(f)))
	}
	// Files that had findings and have none now are cleared too.
	for _, f := range ls.files[policyFile] {
		if !slices.Contains(files, f) {
			files = append(files, f)
		}
	}
	ls.files[policyFile] = files
	for _, f := range files {
		ds := byFile[f]
		ls.diags[f] = ds
		out := make([]protocol.Diagnostic, 0, len(ds))
		for _, d := range ds {
			out = append(out, d.Diagnostic)
		}
		ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: pathURI(f), Diagnostics: out})
	}
}

func absFile(f string) string {
	if a, err := filepath.Abs(f); err == nil {
		return a
	}
	return f
}

// policyFor returns the policy.yaml that file belongs to: itself, the
// policy that included it last time, the one in its folder, or one in a
// sibling folder that includes it.
func (ls *langServer) policyFor(file string) string {
	if filepath.Base(file) == model.PolicyFile {
		return file
	}
	for pf, p := range ls.policies {
		for _, inc := range p.Includes {
			if absFile(inc) == file {
				return pf
			}
		}
	}
	if pf := filepath.Join(filepath.Dir(file), model.PolicyFile); fileExists(pf) {
		return pf
	}
	siblings, _ := filepath.Glob(filepath.Join(filepath.Dir(filepath.Dir(file)), "*", model.PolicyFile))
	for _, pf := range siblings {
		p, _ := model.LoadFile(pf)
		if p == nil {
			continue
		}
		for _, inc := range p.Includes {
			if absFile(inc) == file {
				ls.policies[pf] = p
				return pf
			}
		}
	}
	return ""
}

func fileExists(f string) bool {
	_, err := os.Stat(f)
	return err == nil
}

// rulesDoc is where a diagnostic's code links to: the table of rules.
const rulesDoc = "https://github.com/policyc/policyc/blob/main/README.md#diagnostics"

// replacement is a fix that names the value to write instead.
var replacement = regexp.MustCompile(`^(?:did you mean|use) "([^"<>]+)"\??$`)

func (ls *langServer) diagnostic(d model.Diagnostic, text string) lspDiagnostic {
	lines := strings.Split(text, "\n")
	rng := diagnosticRange(lines, d.Pos, d.End)
	sev := protocol.DiagnosticSeverityError
	switch d.Severity {
	case model.Warning:
		sev = protocol.DiagnosticSeverityWarning
	case model.Info:
		sev = protocol.DiagnosticSeverityInformation
	}
	out := lspDiagnostic{Diagnostic: protocol.Diagnostic{
		Range:           rng,
		Severity:        &sev,
		Code:            &protocol.IntegerOrString{Value: d.Rule},
		CodeDescription: &protocol.CodeDescription{HRef: rulesDoc + "-" + strings.ToLower(d.Rule)},
		Source:          ptrTo("policyc"),
		Message:         d.Message(),
	}}
	if a := lint.ByID(d.Rule); a != nil {
		out.Data = map[string]string{"rule": a.ID, "doc": a.Doc}
		out.CodeDescription.HRef = rulesDoc
	}
	if m := replacement.FindStringSubmatch(d.Fix); m != nil && rng.Start.Line == rng.End.Line {
		old := rangeText(lines, rng)
		if old != "" && !strings.ContainsAny(old[:1], "[{") {
			repl := m[1]
			if q := old[0]; (q == '"' || q == '\'') && !strings.ContainsRune(repl, rune(q)) {
				repl = string(q) + repl + string(q)
			}
			out.replace = &repl
		}
	}
	return out
}

func (ls *langServer) codeActions(uri string, rng protocol.Range) []protocol.CodeAction {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	actions := []protocol.CodeAction{}
	for _, d := range ls.diags[uriPath(uri)] {
		if d.replace == nil || !overlaps(d.Range, rng) {
			continue
		}
		actions = append(actions, protocol.CodeAction{
			Title:       fmt.Sprintf("Replace with %s", *d.replace),
			Kind:        ptrTo(protocol.CodeActionKindQuickFix),
			Diagnostics: []protocol.Diagnostic{d.Diagnostic},
			IsPreferred: ptrTo(true),
			Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{
				uri: {{Range: d.Range, NewText: *d.replace}},
			}},
		})
	}
	return actions
}

func overlaps(a, b protocol.Range) bool {
	before := func(p, q protocol.Position) bool {
		return p.Line < q.Line || (p.Line == q.Line && p.Character < q.Character)
	}
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

// policyOf returns the last loaded policy file belongs to.
func (ls *langServer) policyOf(file string) *model.Policy {
	if pf := ls.policyFor(file); pf != "" {
		return ls.policies[pf]
	}
	return nil
}

func (ls *langServer) hover(file string, pos protocol.Position) *protocol.Hover {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	lines := strings.Split(ls.text(file), "\n")
	tok, ok := tokenAt(lines, pos)
	if !ok {
		return nil
	}
	langs := model.RenderLanguages
	if p := ls.policyOf(file); p != nil && len(p.Languages) > 0 {
		langs = p.Languages
	}
	ctx := contextAt(lines, pos)
	if ctx.keyPosition && len(ctx.path) > 0 {
		// "- consent" in a block list: a value of the list's key.
		ctx = yamlContext{path: ctx.path[:len(ctx.path)-1], key: ctx.path[len(ctx.path)-1]}
	}
	var kind, title string
	if word, rng, ok := wordAt(lines, pos); ok && lint.ByID(word) != nil {
		a := lint.ByID(word)
		md := fmt.Sprintf("**%s** (%s, %s): %s", a.ID, a.Severity, a.Category, a.Doc)
		if a.Law != "" {
			md += "\n\n" + a.Law
		}
		return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: md}, Range: &rng}
	}
	switch {
	case lint.ByID(tok.text) != nil:
		a := lint.ByID(tok.text)
		md := fmt.Sprintf("**%s** (%s, %s): %s", a.ID, a.Severity, a.Category, a.Doc)
		if a.Law != "" {
			md += "\n\n" + a.Law
		}
		return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: md}, Range: &tok.rng}
	case ctx.key == "legal-bases" && slices.Contains(model.LegalBases, tok.text):
		kind, title = "basis", "legal basis"
	case validDate(tok.text):
		kind, title = "date", "date"
	case validDuration(tok.text):
		kind, title = "duration", "duration"
	case (ctx.key == "country" || ctx.key == "countries") && model.ParseCountry(tok.text) == nil:
		kind, title = "country", "country"
	default:
		return nil
	}
	var parts []string
	for _, l := range langs {
		s, err := render.FactText(l, kind, tok.text)
		if err != nil {
			return nil
		}
		parts = append(parts, s)
	}
	md := strings.Join(parts, " · ") + "\n\n" + title + " `" + tok.text + "`"
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: md}, Range: &tok.rng}
}

func validDate(s string) bool {
	_, err := model.ParseDate(s)
	return err == nil
}

func validDuration(s string) bool {
	_, err := model.ParseDuration(s)
	return err == nil
}

// refLists names the list a reference under a key points into.
var refLists = map[string]string{
	"provider": "vendors", "vendor": "vendors", "category": "tracker-categories", "group": "processing-groups",
	"data-categories": "data-categories", "for": "data-categories", "data-subjects": "data-subjects",
	"recipients": "recipients", "recipient": "recipients", "footnotes": "footnotes",
}

// refList returns the list the value under ctx refers to, or "".
func refList(ctx yamlContext) string {
	if slices.Contains(ctx.path, "blocks") {
		switch ctx.key {
		case "trackers":
			return "tracker-categories"
		case "processing":
			return "processing-groups"
		}
		return ""
	}
	return refLists[ctx.key]
}

// definitions returns the ids of a list of p and where each is defined.
func definitions(p *model.Policy, list string) ([]string, []model.Pos) {
	var ids []string
	var poss []model.Pos
	add := func(id string, n model.Node) {
		ids = append(ids, id)
		poss = append(poss, n.At("id"))
	}
	switch list {
	case "vendors":
		for _, v := range p.Vendors {
			add(v.ID, v.Node)
		}
	case "tracker-categories":
		for _, v := range p.TrackerCategories {
			add(v.ID, v.Node)
		}
	case "processing-groups":
		for _, v := range p.ProcessingGroups {
			add(v.ID, v.Node)
		}
	case "data-categories":
		for _, v := range p.DataCategories {
			add(v.ID, v.Node)
		}
	case "data-subjects":
		for _, v := range p.DataSubjects {
			add(v.ID, v.Node)
		}
	case "recipients":
		for _, v := range p.Recipients {
			add(v.ID, v.Node)
		}
	case "footnotes":
		for _, v := range p.Footnotes {
			add(v.ID, v.Node)
		}
	}
	return ids, poss
}

func (ls *langServer) definition(file string, pos protocol.Position) *protocol.Location {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	lines := strings.Split(ls.text(file), "\n")
	tok, ok := tokenAt(lines, pos)
	if !ok {
		return nil
	}
	ctx := contextAt(lines, pos)
	if ctx.key == "include" {
		target := filepath.Join(filepath.Dir(file), tok.text)
		if !fileExists(target) {
			return nil
		}
		return &protocol.Location{URI: pathURI(target)}
	}
	p := ls.policyOf(file)
	list := refList(ctx)
	if p == nil || list == "" {
		return nil
	}
	ids, poss := definitions(p, list)
	i := slices.Index(ids, tok.text)
	if i < 0 || !poss[i].IsValid() {
		return nil
	}
	target := absFile(poss[i].File)
	return &protocol.Location{URI: pathURI(target), Range: diagnosticRange(strings.Split(ls.text(target), "\n"), poss[i], model.Pos{})}
}

func (ls *langServer) complete(file string, pos protocol.Position) []protocol.CompletionItem {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	lines := strings.Split(ls.text(file), "\n")
	ctx := contextAt(lines, pos)
	root := ls.schema.policy
	if filepath.Base(file) != model.PolicyFile {
		root = ls.schema.include
	}
	items := []protocol.CompletionItem{}
	// "- " in a list whose items are mostly values but may be mappings
	// (legal bases: a key, or {basis, applies-to}) offers the values.
	valueList := ctx.keyPosition && len(ctx.path) > 0 && len(ls.schema.values(root, ctx.path)) > 0
	if ctx.keyPosition && !valueList {
		for _, k := range ls.schema.keys(root, ctx.path) {
			items = append(items, protocol.CompletionItem{
				Label: k.name, Kind: ptrTo(protocol.CompletionItemKindProperty),
				Documentation: k.doc, InsertText: ptrTo(k.name + ": "),
			})
		}
		if len(items) > 0 || len(ctx.path) == 0 {
			return items
		}
	}
	if ctx.keyPosition {
		// "- " in a list of values, not of mappings: a value of the list's key.
		ctx = yamlContext{path: ctx.path[:len(ctx.path)-1], key: ctx.path[len(ctx.path)-1]}
	}
	if list := refList(ctx); list != "" {
		if p := ls.policyOf(file); p != nil {
			ids, _ := definitions(p, list)
			for _, id := range ids {
				items = append(items, protocol.CompletionItem{Label: id, Kind: ptrTo(protocol.CompletionItemKindReference), Detail: ptrTo(strings.TrimSuffix(list, "s"))})
			}
		}
		return items
	}
	for _, v := range ls.schema.values(root, append(slices.Clone(ctx.path), ctx.key)) {
		items = append(items, protocol.CompletionItem{Label: v, Kind: ptrTo(protocol.CompletionItemKindEnumMember)})
	}
	return items
}

// schemaTree is the JSON Schema, read back for completion: the keys of a
// mapping and the values of a key.
type schemaTree struct {
	policy, include map[string]any
}

func mustSchemaTree() *schemaTree {
	t := &schemaTree{}
	for include, dst := range map[bool]*map[string]any{false: &t.policy, true: &t.include} {
		b, err := model.Schema(include)
		if err != nil {
			panic(err)
		}
		if err := json.Unmarshal(b, dst); err != nil {
			panic(err)
		}
	}
	return t
}

// alternatives resolves references, unions and lists: the object or scalar
// schemas a value at s may take.
func (t *schemaTree) alternatives(root, s map[string]any, depth int) []map[string]any {
	if s == nil || depth > 10 {
		return nil
	}
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		defs, _ := root["$defs"].(map[string]any)
		def, _ := defs[name].(map[string]any)
		return t.alternatives(root, def, depth+1)
	}
	var out []map[string]any
	for _, k := range []string{"anyOf", "oneOf"} {
		if list, ok := s[k].([]any); ok {
			for _, alt := range list {
				m, _ := alt.(map[string]any)
				out = append(out, t.alternatives(root, m, depth+1)...)
			}
			return out
		}
	}
	if items, ok := s["items"].(map[string]any); ok {
		return t.alternatives(root, items, depth+1)
	}
	return []map[string]any{s}
}

// at returns the schemas of the value at path.
func (t *schemaTree) at(root map[string]any, path []string) []map[string]any {
	cur := t.alternatives(root, root, 0)
	for _, key := range path {
		var next []map[string]any
		for _, s := range cur {
			props, _ := s["properties"].(map[string]any)
			if p, ok := props[key].(map[string]any); ok {
				next = append(next, t.alternatives(root, p, 0)...)
			}
		}
		cur = next
	}
	return cur
}

type schemaKey struct{ name, doc string }

func (t *schemaTree) keys(root map[string]any, path []string) []schemaKey {
	var out []schemaKey
	seen := map[string]bool{}
	for _, s := range t.at(root, path) {
		props, _ := s["properties"].(map[string]any)
		names := make([]string, 0, len(props))
		for k := range props {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			if seen[k] {
				continue
			}
			seen[k] = true
			p, _ := props[k].(map[string]any)
			doc, _ := p["description"].(string)
			out = append(out, schemaKey{k, doc})
		}
	}
	return out
}

func (t *schemaTree) values(root map[string]any, path []string) []string {
	var out []string
	for _, s := range t.at(root, path) {
		if enum, ok := s["enum"].([]any); ok {
			for _, v := range enum {
				if str, ok := v.(string); ok && !slices.Contains(out, str) {
					out = append(out, str)
				}
			}
		}
		if s["type"] == "boolean" {
			out = append(out, "true", "false")
		}
	}
	return out
}
