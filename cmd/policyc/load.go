package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/policyc/policyc/internal/journal"
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/lint"
)

// checkScope says which rules run and how strictly.
type checkScope struct {
	// Translations and Law run the translation rules and the legal and
	// cookie rules besides the structure ones; diff, which reads old
	// versions, and the i18n commands, which read the lock themselves,
	// leave them out.
	Translations bool
	// AllowStale makes a stale translation a warning.
	AllowStale bool
	// Overlay stands in for files on disk: the language server's buffers.
	Overlay model.Overlay
	// Notices receives the notice of a write finished or rolled back for
	// an i18n command that was killed; nil is standard error.
	Notices io.Writer
}

// loadChecked is the one way commands read policies: lint.Run loads the
// policies under paths (default "policies") and applies the registry of
// rules. It returns the policies and every finding, sorted.
//
// First it finishes or rolls back what a killed "i18n import" or "i18n
// confirm" left in the trees of those policies, so that no command reads a
// policy with some of its files written and others not.
func loadChecked(paths []string, scope checkScope) ([]*model.Policy, model.Diagnostics) {
	if len(paths) == 0 {
		paths = []string{"policies"}
	}
	recovered := recoverWrites(paths, scope.Notices)
	opts := lint.Options{AllowStale: scope.AllowStale, Overlay: scope.Overlay}
	if !scope.Translations {
		opts.Categories = []string{"structure"}
	}
	policies, diags := lint.Run(paths, opts)
	if len(recovered) > 0 {
		diags = append(recovered, diags...).Sorted()
	}
	return policies, diags
}

// recoverWrites recovers the journals of the policy trees under paths,
// writing a notice for each; a journal it cannot recover is an error at
// the journal, which stops the command.
func recoverWrites(paths []string, notices io.Writer) model.Diagnostics {
	if notices == nil {
		notices = os.Stderr
	}
	files, _ := model.Find(paths) // lint.Run reports what Find cannot find
	var diags model.Diagnostics
	seen := map[string]bool{}
	for _, f := range files {
		tree := model.Tree(f)
		if seen[tree] {
			continue
		}
		seen[tree] = true
		r, err := journal.Recover(tree)
		switch {
		case err != nil:
			diags.Errorf(model.Pos{File: model.DisplayPath(filepath.Join(tree, journal.Name)), Line: 1, Col: 1}, model.RuleFile, "",
				"an interrupted write cannot be recovered: %v", err)
		case r != nil:
			r.Journal = model.DisplayPath(r.Journal)
			for i := range r.Files {
				r.Files[i] = model.DisplayPath(r.Files[i])
			}
			fmt.Fprintf(notices, "policyc: %s\n", r)
		}
	}
	return diags
}
