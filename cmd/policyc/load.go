package main

import (
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/translation"
)

// checkOptions say which checks run beyond the loader's and how strictly.
type checkScope struct {
	// Translations compares each policy's translations with its lock and
	// looks for facts written out in prose; diff, which reads old versions,
	// and the i18n commands, which read the lock themselves, leave it out.
	Translations bool
	// AllowStale makes a stale translation a warning.
	AllowStale bool
}

// loadChecked is the one way commands read policies: load the policies
// under paths (default "policies"), then run every check on them. It
// returns the policies and every finding, unsorted.
func loadChecked(paths []string, scope checkScope) ([]*model.Policy, model.Diagnostics) {
	if len(paths) == 0 {
		paths = []string{"policies"}
	}
	policies, diags := model.Load(paths)
	return policies, append(diags, checkAll(policies, diags, scope)...)
}

// checkAll runs every check that looks beyond one policy file's model, on
// loaded policies: the one place a new family of checks is added. The
// loader has already run the model's own checks (model.Checks).
func checkAll(policies []*model.Policy, loadDiags model.Diagnostics, scope checkScope) model.Diagnostics {
	var ds model.Diagnostics
	if scope.Translations {
		ds = append(ds, translation.Check(policies, loadDiags, scope.AllowStale)...)
	}
	return ds
}
