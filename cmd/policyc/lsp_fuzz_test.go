package main

import (
	"strings"
	"testing"

	"github.com/policyc/policyc/model"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// FuzzLSPText feeds half-typed buffers and any cursor to what the language
// server reads of the text itself: none may panic.
func FuzzLSPText(f *testing.F) {
	f.Add(lspPolicy, 13, 14)
	f.Add(lspBroken, 9, 97)
	f.Add("a: [{b: 'c, d: \"e\\\"\", {f: [g", 0, 27)
	f.Add("- - - x:\n  - [\t{\n", 1, 3)
	f.Add("é: \"ü𝄞\" # x\n", 0, 4)
	tree := mustSchemaTree()
	f.Fuzz(func(t *testing.T, text string, line, char int) {
		lines := strings.Split(text, "\n")
		pos := protocol.Position{Line: protocol.UInteger(max(line, 0)), Character: protocol.UInteger(max(char, 0))}
		ctx := contextAt(lines, pos)
		tree.keys(tree.policy, ctx.path)
		tree.values(tree.policy, append(ctx.path, ctx.key))
		tokenAt(lines, pos)
		wordAt(lines, pos)
		r := diagnosticRange(lines, model.Pos{File: "f", Line: line, Col: char}, model.Pos{})
		rangeText(lines, r)
	})
}
