package lint

import (
	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/translation"
)

// TranslationLock reports a translations.lock that cannot be used; its
// result is the policy's translation state, nil without one.
var TranslationLock = &Analyzer{
	ID: "TRANSLATION_LOCK", Severity: model.Error, Category: "translation",
	Doc: "translations.lock cannot be used: not valid, edited by hand, of another format version, or made from another source language",
	Run: func(pass *Pass) any {
		st, ds := translation.Load(pass.Policy)
		for _, d := range ds {
			pass.Report(d)
		}
		return st
	},
}

// TranslationStale reports translations confirmed against a source text
// that has changed since: errors, warnings with --allow-stale.
var TranslationStale = &Analyzer{
	ID: "TRANSLATION_STALE", Severity: model.Error, Category: "translation", Law: "GDPR Art. 12(1)",
	Doc:      "a translation was confirmed against a source text that has changed since (a warning with --allow-stale)",
	Requires: []*Analyzer{TranslationLock},
	Run: func(pass *Pass) any {
		if st, _ := pass.ResultOf[TranslationLock].(*translation.State); st != nil {
			for _, d := range st.Stale(pass.Options.AllowStale) {
				pass.Report(d)
			}
		}
		return nil
	},
}

// TranslationModified reports translations changed after they were
// confirmed: a hand edit nobody reviewed.
var TranslationModified = &Analyzer{
	ID: "TRANSLATION_MODIFIED", Severity: model.Warning, Category: "translation", Law: "GDPR Art. 12(1)",
	Doc:      "a translation was changed after it was confirmed: what the pages say is not what was reviewed",
	Requires: []*Analyzer{TranslationLock},
	Run: func(pass *Pass) any {
		if st, _ := pass.ResultOf[TranslationLock].(*translation.State); st != nil {
			for _, d := range st.Modified() {
				pass.Report(d)
			}
		}
		return nil
	},
}

// TranslationUnconfirmed reports translations never confirmed. A policy
// with errors and no lock yet is being written: the summary that nothing
// is confirmed would only bury its errors, so it waits.
var TranslationUnconfirmed = &Analyzer{
	ID: "TRANSLATION_UNCONFIRMED", Severity: model.Warning, Category: "translation",
	Doc:      "a translation was never confirmed, or the policy has no translations.lock yet",
	Requires: []*Analyzer{TranslationLock},
	Run: func(pass *Pass) any {
		st, _ := pass.ResultOf[TranslationLock].(*translation.State)
		if st == nil {
			return nil
		}
		for _, d := range st.Unconfirmed() {
			if st.Lock == nil {
				pass.ReportUnlessErrors(d)
			} else {
				pass.Report(d)
			}
		}
		return nil
	},
}

// TranslatedFact reports durations and countries written out by hand in
// prose instead of as inline facts.
var TranslatedFact = &Analyzer{
	ID: "TRANSLATED_FACT", Severity: model.Warning, Category: "translation",
	Doc: "prose writes out by hand a duration, or a country the policy holds as data, instead of an inline fact",
	Run: func(pass *Pass) any {
		for _, d := range translation.Facts(pass.Policy) {
			pass.Report(d)
		}
		return nil
	},
}
