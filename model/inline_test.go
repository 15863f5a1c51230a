package model

import (
	"fmt"
	"strings"
	"testing"
)

func TestInlineFacts(t *testing.T) {
	tests := map[string]string{
		"kept {duration 13 months} in the {country EEA}": "{duration 13 months}=13 months {country EEA}=EEA",
		"since {date 2021-03-22}":                        "{date 2021-03-22}=2021-03-22",
		"{duration 1 month}":                             "{duration 1 month}=1 month",
		"{duration session, at most 10 minutes}":         "{duration session, at most 10 minutes}=session, at most 10 minutes",
		"no facts {#id} {} {Duration 1 year}":            "",
		"{duration 13 mnths}":                            `{duration 13 mnths}: invalid duration "13 mnths": unknown unit "mnths"; did you mean "13 months"?`,
		"{country XX}":                                   `{country XX}: invalid country "XX"; use an ISO 3166-1 alpha-2 code such as FR, DE or US, or EU or EEA`,
		"{date 22-03-2021}":                              `{date 22-03-2021}: invalid date "22-03-2021"; write the date as YYYY-MM-DD, e.g. 2021-03-22`,
		"{durration 13 months}":                          `{durration 13 months}: unknown inline fact {durration ...}; did you mean {duration 13 months}?`,
		"{colour blue}":                                  `{colour blue}: unknown inline fact {colour ...}; use one of country, date, duration`,
	}
	for in, want := range tests {
		var got []string
		for _, f := range InlineFacts(in) {
			c, err := f.Canonical()
			if err != nil {
				got = append(got, fmt.Sprintf("%s: %v", f, err))
			} else {
				got = append(got, fmt.Sprintf("%s=%s", f, c))
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("InlineFacts(%q)\n got %s\nwant %s", in, strings.Join(got, " "), want)
		}
	}
}

func TestExpandInline(t *testing.T) {
	render := func(f InlineFact) (string, bool) {
		if _, err := f.Canonical(); err != nil {
			return "", false
		}
		return "<" + f.Value + ">", true
	}
	got := ExpandInline("a {duration 2 days} b {country ZZ} c {country NL}", render)
	if want := "a <2 days> b {country ZZ} c <NL>"; got != want {
		t.Errorf("ExpandInline = %q, want %q", got, want)
	}
}
