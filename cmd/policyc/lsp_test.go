package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/lint"
	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// lspPolicy passes check; lspBroken is it with three mistakes.
const lspPolicy = `id: shop
kind: cookie-policy
title: {en: Cookies at Shop, nl: Cookies bij Shop, fr: Les cookies de Shop}
languages: [en, nl, fr]
version: "1.0"
effective: 2026-01-15
include: [vendors.yaml]
controllers: [{id: shop, name: Shop BV, address: {city: Utrecht, country: NL}}]
tracker-categories:
  - {id: analytics, name: {en: Analytics, nl: Analyse, fr: Mesure d'audience}, consent-required: true}
trackers:
  - id: ga
    names: [_ga]
    provider: google
    category: analytics
    lifetime: 13 months
    technology: http-cookie
    party: third
    purpose: {en: Counts visits., nl: Telt bezoeken., fr: Compte les visites.}
sections:
  - {id: cookies, title: {en: Our cookies, nl: Onze cookies, fr: Nos cookies}, blocks: [{trackers: analytics}, vendors, controllers]}
# A reference to an id no list defines is an UNRESOLVED_REF.
`

var lspBroken = strings.NewReplacer("provider: google", "provider: gogle", "13 months", "13 mnths", "party: third", "party: thrid").Replace(lspPolicy)

const lspVendors = `vendors:
  - {id: google, name: Google Ireland Limited, country: IE}
`

// writePolicyTree writes the policy and its included vendors on disk, with
// a translation lock, and returns the folder holding policies/.
func writePolicyTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	shop := filepath.Join(dir, "policies", "shop")
	if err := os.MkdirAll(shop, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"policy.yaml": lspPolicy, "vendors.yaml": lspVendors} {
		if err := os.WriteFile(filepath.Join(shop, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"i18n", "confirm", filepath.Join(dir, "policies")}, &stdout, &stderr); code != exitOK {
		t.Fatalf("i18n confirm: %s", stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"check", filepath.Join(dir, "policies")}, &stdout, &stderr); code != exitOK || stdout.Len() > 0 {
		t.Fatalf("the test policy does not pass check:\n%s", stdout.String())
	}
	return dir
}

// clientDiagnostic reads a diagnostic's code, which glsp's own type cannot
// unmarshal.
type clientDiagnostic struct {
	protocol.Diagnostic
	Code any `json:"code"`
}

type publishedDiagnostics struct {
	URI         string             `json:"uri"`
	Diagnostics []clientDiagnostic `json:"diagnostics"`
}

type pipes struct {
	io.Reader
	io.WriteCloser
}

// TestLSP drives "policyc lsp" as an editor does, over its standard input
// and output.
func TestLSP(t *testing.T) {
	dir := writePolicyTree(t)
	policyFile := filepath.Join(dir, "policies", "shop", "policy.yaml")
	uri, vendorsURI := pathURI(policyFile), pathURI(filepath.Join(dir, "policies", "shop", "vendors.yaml"))

	cmd := exec.Command(os.Args[0], "lsp")
	cmd.Env = append(os.Environ(), asCommand+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A bound on the whole exchange, so that a server that stops answering
	// fails the test instead of hanging it.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	published := make(chan publishedDiagnostics, 16)
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(pipes{stdout, stdin}, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			if req.Method == protocol.ServerTextDocumentPublishDiagnostics && req.Params != nil {
				var p publishedDiagnostics
				if err := json.Unmarshal(*req.Params, &p); err != nil {
					t.Error(err)
				}
				published <- p
			}
			return nil, nil
		}))
	call := func(method string, params, result any) {
		t.Helper()
		if err := conn.Call(ctx, method, params, result); err != nil {
			t.Fatalf("%s: %v\n%s", method, err, stderr.String())
		}
	}
	notify := func(method string, params any) {
		t.Helper()
		if err := conn.Notify(ctx, method, params); err != nil {
			t.Fatalf("%s: %v", method, err)
		}
	}
	// diagnosticsOf waits for the diagnostics published for uri.
	diagnosticsOf := func(uri string) []clientDiagnostic {
		t.Helper()
		for {
			select {
			case p := <-published:
				if p.URI == uri {
					return p.Diagnostics
				}
			case <-ctx.Done():
				t.Fatalf("no diagnostics for %s: %v\n%s", uri, ctx.Err(), stderr.String())
			}
		}
	}
	pos := func(line, char int) protocol.TextDocumentPositionParams {
		return protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri},
			Position: protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(char)}}
	}

	var init struct {
		Capabilities map[string]any `json:"capabilities"`
	}
	call("initialize", protocol.InitializeParams{RootURI: ptrTo(pathURI(dir))}, &init)
	for _, c := range []string{"textDocumentSync", "completionProvider", "hoverProvider", "definitionProvider", "codeActionProvider"} {
		if init.Capabilities[c] == nil {
			t.Errorf("initialize: no %s", c)
		}
	}
	notify("initialized", struct{}{})

	// Opened with three mistakes: the diagnostics check prints, with ranges.
	notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "yaml", Version: 1, Text: lspBroken}})
	got := diagnosticsOf(uri)
	type diag struct {
		Range   string
		Sev     protocol.DiagnosticSeverity
		Code    any
		Message string
	}
	var short []diag
	for _, d := range got {
		short = append(short, diag{rangeString(d.Range), *d.Severity, d.Code, d.Message})
	}
	want := []diag{
		{"13:14-13:19", 1, "UNRESOLVED_REF", `undefined vendor "gogle"; did you mean "google"?`},
		{"15:14-15:22", 1, "INVALID_VALUE", `invalid duration "13 mnths": unknown unit "mnths"; did you mean "13 months"?`},
		{"17:11-17:16", 1, "INVALID_VALUE", `unknown party "thrid"; did you mean "third"?`},
	}
	if !equalJSON(short, want) {
		t.Errorf("diagnostics:\n got %+v\nwant %+v", short, want)
	}
	for _, d := range got {
		if d.CodeDescription == nil || !strings.HasPrefix(string(d.CodeDescription.HRef), "https://") {
			t.Errorf("%s: no code description", d.Message)
		}
	}

	// A fix for each.
	var actions []protocol.CodeAction
	call("textDocument/codeAction", protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range: protocol.Range{Start: protocol.Position{Line: 13}, End: protocol.Position{Line: 18}}}, &actions)
	var titles []string
	for _, a := range actions {
		for u, edits := range a.Edit.Changes {
			for _, e := range edits {
				titles = append(titles, a.Title+" @ "+rangeString(e.Range)+" in "+filepath.Base(uriPath(u)))
			}
		}
	}
	wantTitles := []string{
		"Replace with google @ 13:14-13:19 in policy.yaml",
		"Replace with 13 months @ 15:14-15:22 in policy.yaml",
		"Replace with third @ 17:11-17:16 in policy.yaml",
	}
	if strings.Join(titles, "\n") != strings.Join(wantTitles, "\n") {
		t.Errorf("code actions:\n%s\nwant\n%s", strings.Join(titles, "\n"), strings.Join(wantTitles, "\n"))
	}

	// Fixed: no diagnostics.
	notify("textDocument/didChange", protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: 2},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: lspPolicy}}})
	if got := diagnosticsOf(uri); len(got) != 0 {
		t.Errorf("diagnostics after the fix: %+v", got)
	}

	// Completion: vocabulary values, ids in scope (from the included file),
	// keys.
	for _, c := range []struct {
		line, char int
		want       string
	}{
		{16, 16, "http-cookie local-storage session-storage pixel script beacon fingerprinting"},
		{13, 14, "google"},
		{14, 14, "analytics"},
		{1, 6, "cookie-policy privacy-policy privacy-and-cookie-policy"},
		{9, 97, "true false"},
		{9, 82, "consent-required description exemption id legal-bases name tcf-purposes transfers"},
		{20, 101, "analytics"},
		{7, 53, "city country department postcode street"},
	} {
		var items []protocol.CompletionItem
		call("textDocument/completion", protocol.CompletionParams{TextDocumentPositionParams: pos(c.line, c.char)}, &items)
		var labels []string
		for _, it := range items {
			labels = append(labels, it.Label)
		}
		if got := strings.Join(labels, " "); got != c.want {
			t.Errorf("completion at %d:%d: %q, want %q", c.line, c.char, got, c.want)
		}
	}

	// Hover: a fact in every language of the policy.
	for _, c := range []struct {
		line, char int
		want       string
	}{
		{15, 17, "13 months · 13 maanden · 13 mois\n\nduration `13 months`"},
		{5, 14, "15 January 2026 · 15 januari 2026 · 15 janvier 2026\n\ndate `2026-01-15`"},
		{7, 75, "Netherlands · Nederland · Pays-Bas\n\ncountry `NL`"},
		{21, 50, "**UNRESOLVED_REF** (error, structure): " + lint.ByID("UNRESOLVED_REF").Doc},
	} {
		var h struct {
			Contents protocol.MarkupContent `json:"contents"`
		}
		call("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: pos(c.line, c.char)}, &h)
		if h.Contents.Value != c.want {
			t.Errorf("hover at %d:%d: %q, want %q", c.line, c.char, h.Contents.Value, c.want)
		}
	}

	// Definition: the vendor, in the included file.
	var loc protocol.Location
	call("textDocument/definition", protocol.DefinitionParams{TextDocumentPositionParams: pos(13, 16)}, &loc)
	if loc.URI != vendorsURI || rangeString(loc.Range) != "1:9-1:15" {
		t.Errorf("definition: %s %s, want %s 1:9-1:15", loc.URI, rangeString(loc.Range), vendorsURI)
	}

	// An included file, opened with a mistake: its buffer is checked as part
	// of the policy that includes it. (What was published before the last
	// answer has arrived by now: the server handles messages in order.)
	for len(published) > 0 {
		<-published
	}
	notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: vendorsURI, LanguageID: "yaml", Version: 1, Text: strings.Replace(lspVendors, "country", "contry", 1)}})
	var vendorDiags []string
	for _, d := range diagnosticsOf(vendorsURI) {
		vendorDiags = append(vendorDiags, fmt.Sprintf("%s %v %s", rangeString(d.Range), d.Code, d.Message))
	}
	if got, want := strings.Join(vendorDiags, "\n"), `1:47-1:53 UNKNOWN_KEY unknown key "contry"; did you mean "country"?`; got != want {
		t.Errorf("diagnostics of the included file:\n%s\nwant\n%s", got, want)
	}

	call("shutdown", nil, nil)
	notify("exit", nil)
	conn.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("policyc lsp: %v\n%s", err, stderr.String())
	}
}

func rangeString(r protocol.Range) string {
	return strings.Join([]string{itoa(r.Start.Line) + ":" + itoa(r.Start.Character), itoa(r.End.Line) + ":" + itoa(r.End.Character)}, "-")
}

func itoa(u protocol.UInteger) string {
	b, _ := json.Marshal(u)
	return string(b)
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestCompleteBlockLists completes in block-style lists and mappings, the
// way policies are mostly written.
func TestCompleteBlockLists(t *testing.T) {
	dir := writePolicyTree(t)
	file := filepath.Join(dir, "policies", "shop", "policy.yaml")
	ls := newLangServer()
	text := lspPolicy + `processing:
  - id: orders
    legal-bases:
      - con
    retention:
      - rule: 13 months from collection
        for: [
    da
`
	ls.docs[file] = text
	lines := strings.Split(text, "\n")
	at := func(line int, s string) protocol.Position {
		return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(strings.Index(lines[line], s) + len(s))}
	}
	// Keys are wanted among the completions, as the format may grow;
	// values exactly.
	for _, c := range []struct {
		pos  protocol.Position
		want string
		keys bool
	}{
		{at(25, "- con"), strings.Join(model.LegalBases, " "), false},
		{at(28, "for: ["), "", false}, // the policy defines no data categories
		{at(29, "da"), "data-categories data-subjects group id legal-bases purpose retention", true},
		{at(11, "  - "), "category countries id lifetime names party provider purpose technology", true},
	} {
		var labels []string
		for _, it := range ls.complete(file, c.pos) {
			labels = append(labels, it.Label)
		}
		got := strings.Join(labels, " ")
		if c.keys {
			for _, k := range strings.Fields(c.want) {
				if !slices.Contains(labels, k) || slices.Contains(labels, "retention") != strings.Contains(c.want, "retention") {
					t.Errorf("completion at %d:%d: %q, want among them %q", c.pos.Line, c.pos.Character, got, c.want)
					break
				}
			}
		} else if got != c.want {
			t.Errorf("completion at %d:%d: %q, want %q", c.pos.Line, c.pos.Character, got, c.want)
		}
	}
}

// TestHoverLegalBases shows a legal basis in every language of the policy,
// in flow and in block lists.
func TestHoverLegalBases(t *testing.T) {
	dir := writePolicyTree(t)
	file := filepath.Join(dir, "policies", "shop", "policy.yaml")
	ls := newLangServer()
	text := lspPolicy + `processing:
  - id: orders
    legal-bases: [consent, contract]
  - id: fraud
    legal-bases:
      - legitimate-interests
    transfers: [{countries: [US, CA], safeguard: scc-2021-914}]
`
	ls.docs[file] = text
	ls.policies[file], _ = model.LoadFile(file)
	lines := strings.Split(text, "\n")
	at := func(line int, s string) protocol.Position {
		return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(strings.Index(lines[line], s) + 1)}
	}
	for _, c := range []struct {
		pos  protocol.Position
		want string
	}{
		{at(24, "contract"), "performance of a contract (Art. 6(1)(b) GDPR) · uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG) · exécution d'un contrat (art. 6.1.b du RGPD)\n\nlegal basis `contract`"},
		{at(27, "legitimate"), "legitimate interests (Art. 6(1)(f) GDPR) · gerechtvaardigde belangen (art. 6 lid 1 sub f AVG) · intérêts légitimes (art. 6.1.f du RGPD)\n\nlegal basis `legitimate-interests`"},
		{at(28, "CA"), "Canada · Canada · Canada\n\ncountry `CA`"},
	} {
		h := ls.hover(file, c.pos)
		got := ""
		if h != nil {
			got = h.Contents.(protocol.MarkupContent).Value
		}
		if got != c.want {
			t.Errorf("hover at %d:%d: %q, want %q", c.pos.Line, c.pos.Character, got, c.want)
		}
	}
}
