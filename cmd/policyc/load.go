package main

import (
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
}

// loadChecked is the one way commands read policies: lint.Run loads the
// policies under paths (default "policies") and applies the registry of
// rules. It returns the policies and every finding, sorted.
func loadChecked(paths []string, scope checkScope) ([]*model.Policy, model.Diagnostics) {
	if len(paths) == 0 {
		paths = []string{"policies"}
	}
	opts := lint.Options{AllowStale: scope.AllowStale, Overlay: scope.Overlay}
	if !scope.Translations {
		opts.Categories = []string{"structure"}
	}
	return lint.Run(paths, opts)
}
