package model

import (
	"maps"
	"slices"
	"testing"
)

func TestParseDuration(t *testing.T) {
	valid := map[string]string{
		"session":                     "session",
		"30 minutes":                  "30 minutes",
		"1 minute":                    "1 minute",
		"24 hours":                    "24 hours",
		"380 days":                    "380 days",
		"13 months":                   "13 months",
		"1 year":                      "1 year",
		"2 weeks":                     "2 weeks",
		"session, at most 10 minutes": "session, at most 10 minutes",
		"at most 2 years":             "at most 2 years",
		"at most 365 days":            "at most 365 days",
		"persistent":                  "persistent",
	}
	for in, want := range valid {
		d, err := ParseDuration(in)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", in, err)
			continue
		}
		if got := d.String(); got != want {
			t.Errorf("ParseDuration(%q).String() = %q, want %q", in, got, want)
		}
	}
	invalid := map[string]string{
		"13 mnths":               `invalid duration "13 mnths": unknown unit "mnths"; did you mean "13 months"?`,
		"13":                     `invalid duration "13"; write "session", "persistent", a number and a unit such as "13 months", "at most 2 years" or "session, at most 10 minutes"`,
		"":                       `invalid duration ""; write "session", "persistent", a number and a unit such as "13 months", "at most 2 years" or "session, at most 10 minutes"`,
		"0 days":                 `invalid duration "0 days": "0" is not a whole number of units; the amount must be a whole number from 1 to 10000`,
		"-1 days":                `invalid duration "-1 days": "-1" is not a whole number of units; the amount must be a whole number from 1 to 10000`,
		"1.5 years":              `invalid duration "1.5 years": "1.5" is not a whole number of units; the amount must be a whole number from 1 to 10000`,
		"24H":                    `invalid duration "24H"; write "session", "persistent", a number and a unit such as "13 months", "at most 2 years" or "session, at most 10 minutes"`,
		"13 fortnights":          `invalid duration "13 fortnights": unknown unit "fortnights"; use one of minutes, hours, days, weeks, months, years`,
		"Session":                `invalid duration "Session"; write "session", "persistent", a number and a unit such as "13 months", "at most 2 years" or "session, at most 10 minutes"`,
		"session, at most 1":     `invalid duration "session, at most 1"; write "session", "persistent", a number and a unit such as "13 months", "at most 2 years" or "session, at most 10 minutes"`,
		"up to 2 years":          `invalid duration "up to 2 years"; write "at most 2 years": "at most" states an upper bound`,
		"Up to 365 days":         `invalid duration "Up to 365 days"; write "at most 365 days": "at most" states an upper bound`,
		"max. 13 months":         `invalid duration "max. 13 months"; write "at most 13 months": "at most" states an upper bound`,
		"max 1 year":             `invalid duration "max 1 year"; write "at most 1 year": "at most" states an upper bound`,
		"maximum 30 days":        `invalid duration "maximum 30 days"; write "at most 30 days": "at most" states an upper bound`,
		"up to two years":        `invalid duration "up to two years"; write "at most <number> <unit>", with a number and a unit such as "at most 2 years"`,
		"session, up to 2 hours": `invalid duration "session, up to 2 hours"; write "session, at most 2 hours": "at most" states an upper bound`,
		"per session":            `invalid duration "per session"; write "session": it ends when the browser closes`,
		"end of session":         `invalid duration "end of session"; write "session": it ends when the browser closes`,
		"no expiry":              `invalid duration "no expiry"; write "persistent" for storage that does not expire, such as local storage`,
		"Persistent cookie":      `invalid duration "Persistent cookie"; write "persistent" for storage that does not expire, such as local storage`,
		"never":                  `invalid duration "never"; write "persistent" for storage that does not expire, such as local storage`,
		"at most 2":              `invalid duration "at most 2"; write "session", "persistent", a number and a unit such as "13 months", "at most 2 years" or "session, at most 10 minutes"`,
		"13  months":             `invalid duration "13  months"; write "session", "persistent", a number and a unit such as "13 months", "at most 2 years" or "session, at most 10 minutes"`,
		"+5 days":                `invalid duration "+5 days": "+5" is not a whole number of units; the amount must be a whole number from 1 to 10000`,
		"1_000 days":             `invalid duration "1_000 days": "1_000" is not a whole number of units; the amount must be a whole number from 1 to 10000`,
	}
	for in, want := range invalid {
		_, err := ParseDuration(in)
		if err == nil {
			t.Errorf("ParseDuration(%q) succeeded, want error %q", in, want)
		} else if err.Error() != want {
			t.Errorf("ParseDuration(%q)\n got %s\nwant %s", in, err, want)
		}
	}
}

func TestParseRetention(t *testing.T) {
	valid := map[string]Retention{
		"1 year from interaction, then 4 years in archive": {Period: &Duration{Amount: 1, Unit: "year"}, From: "interaction", Archive: &Duration{Amount: 4, Unit: "year"}},
		"28 days, then anonymised":                         {Period: &Duration{Amount: 28, Unit: "day"}, Anonymised: true},
		"until consent-withdrawal":                         {Until: "consent-withdrawal"},
		"until contract-end + 90 days":                     {Until: "contract-end", Plus: &Duration{Amount: 90, Unit: "day"}},
		"36 months from last-contact":                      {Period: &Duration{Amount: 36, Unit: "month"}, From: "last-contact"},
		"at most 5 years":                                  {Max: &Duration{Amount: 5, Unit: "year"}},
		"7 days":                                           {Period: &Duration{Amount: 7, Unit: "day"}},
		"10 years from event, at most 12 years":            {Period: &Duration{Amount: 10, Unit: "year"}, From: "event", Max: &Duration{Amount: 12, Unit: "year"}},
	}
	for in, want := range valid {
		got, err := ParseRetention(in)
		if err != nil {
			t.Errorf("ParseRetention(%q): %v", in, err)
			continue
		}
		if got.Rule != in || got.Period.String() != want.Period.String() || got.From != want.From || got.Until != want.Until ||
			got.Plus.String() != want.Plus.String() || got.Archive.String() != want.Archive.String() || got.Max.String() != want.Max.String() {
			t.Errorf("ParseRetention(%q) = %+v, want %+v", in, got, want)
		}
	}
	invalid := map[string]string{
		"until contract-ends":                     `invalid retention "until contract-ends": unknown event "contract-ends"; did you mean "contract-end"?`,
		"1 year from interaction, then 4 years":   `invalid retention "1 year from interaction, then 4 years": unexpected "then 4 years"; after the first part only ", then <duration> in archive", ", then anonymised" and ", at most <duration>" may follow, in that order`,
		"as long as necessary":                    `invalid retention "as long as necessary"; write a rule such as "13 months from collection", "until contract-end + 90 days" or "at most 5 years", or give "criteria"`,
		"at most 5 yrs":                           `invalid retention "at most 5 yrs": duration "5 yrs": unknown unit "yrs"; did you mean "5 years"?`,
		"at most 5 years, then 1 year in archive": `invalid retention "at most 5 years, then 1 year in archive": nothing may follow "at most 5 years"; put "at most" last`,
		"then 4 years in archive":                 `invalid retention "then 4 years in archive": a rule cannot start with "then"; a comma inside [...] splits a rule in two: put the whole rule in quotes or on its own "- " line`,
		"until someday":                           `invalid retention "until someday": unknown event "someday"; use one of collection, interaction, last-contact, contract-end, account-closure, consent-withdrawal, objection, event, event-end, service-end, full-payment, payment-default, subscription-end, proceedings-end, session-end, identity-check, anonymisation, request-handled`,
	}
	for in, want := range invalid {
		_, err := ParseRetention(in)
		if err == nil {
			t.Errorf("ParseRetention(%q) succeeded, want error", in)
		} else if err.Error() != want {
			t.Errorf("ParseRetention(%q)\n got %s\nwant %s", in, err, want)
		}
	}
}

func TestValueGrammars(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) error
		in    string
		want  string // "" for valid
	}{
		{"country", ParseCountry, "FR", ""},
		{"country", ParseCountry, "EU", ""},
		{"country", ParseCountry, "EEA", ""},
		{"country", ParseCountry, "fr", `invalid country "fr"; did you mean "FR"?`},
		{"country", ParseCountry, "UK", `invalid country "UK"; did you mean "GB"?`},
		{"country", ParseCountry, "XX", `invalid country "XX"; use an ISO 3166-1 alpha-2 code such as FR, DE or US, or EU or EEA`},
		{"country", ParseCountry, "FRA", `invalid country "FRA"; use an ISO 3166-1 alpha-2 code such as FR, DE or US, or EU or EEA`},
		{"language", ParseLanguage, "nl", ""},
		{"language", ParseLanguage, "fr", ""},
		{"language", ParseLanguage, "de", `unsupported language "de"; policyc renders nl, en, fr`},
		{"language", ParseLanguage, "nl-BE", `unsupported language "nl-BE"; use "nl"`},
		{"language", ParseLanguage, "dutch!", `invalid language "dutch!"; use a BCP 47 language code such as nl, en or fr`},
		{"date", func(s string) error { _, err := ParseDate(s); return err }, "2021-03-22", ""},
		{"date", func(s string) error { _, err := ParseDate(s); return err }, "2021-02-30", `invalid date "2021-02-30"; write the date as YYYY-MM-DD, e.g. 2021-03-22`},
		{"date", func(s string) error { _, err := ParseDate(s); return err }, "22 March 2021", `invalid date "22 March 2021"; write the date as YYYY-MM-DD, e.g. 2021-03-22`},
		{"date", func(s string) error { _, err := ParseDate(s); return err }, "0000-01-01", `invalid date "0000-01-01": there is no year 0000; write a year from 0001 on, e.g. 2021-03-22`},
		{"url", ParseURL, "https://www.ovhcloud.com/nl/", ""},
		{"url", ParseURL, "mailto:privacy@telekom.de", ""},
		{"url", ParseURL, "javascript:alert(1)", `invalid link "javascript:alert(1)": scheme "javascript" not allowed; only https, http and mailto links are allowed`},
		{"url", ParseURL, "www.ovh.com", `invalid link "www.ovh.com"; write an absolute link starting with "https://" or "mailto:"`},
		{"url", ParseURL, "https://", `invalid link "https://": no host`},
		{"id", ParseID, "ovhcloud-cookies", ""},
		{"id", ParseID, "a1", ""},
		{"id", ParseID, "OVH Cookies", `invalid id "OVH Cookies": use lower-case letters, digits and hyphens; use "ovh-cookies"`},
		{"id", ParseID, "-x", `invalid id "-x": use lower-case letters, digits and hyphens; use "x"`},
		{"id", ParseID, "", `invalid id "": use lower-case letters, digits and hyphens`},
	}
	for _, tt := range tests {
		err := tt.parse(tt.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestIsIDMatchesPattern: the hand-written test of an id accepts exactly
// what the id pattern of the schema accepts.
func TestIsIDMatchesPattern(t *testing.T) {
	for _, s := range []string{"", "a", "-", "-a", "a-", "a--b", "0", "9z", "A", "aB", "a_b", "a b", "a\n", "é", "vendor-12", "t0", "a.b", "\x00"} {
		if got, want := isID(s), idPattern.MatchString(s); got != want {
			t.Errorf("isID(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}

// TestTextLanguages: a text's languages are the keys of its values,
// sorted, whether its positions agree with them or not.
func TestTextLanguages(t *testing.T) {
	values := map[string]string{"nl": "b", "en": "a", "fr": "c"}
	pos := func(keys ...string) []KeyPos {
		var out []KeyPos
		for _, k := range keys {
			out = append(out, KeyPos{Key: k})
		}
		return out
	}
	for _, positions := range [][]KeyPos{nil, pos("nl", "en", "fr"), pos("en", "en", "fr"), pos("en", "nl"), pos("en", "nl", "fr", "de")} {
		var buf [2]string
		got := Text{Values: values, Positions: positions}.Languages(buf[:0])
		if want := []string{"en", "fr", "nl"}; !slices.Equal(got, want) {
			t.Errorf("positions %v: languages %v, want %v", positions, got, want)
		}
	}
	if got := (Text{}).Languages(nil); len(got) != 0 {
		t.Errorf("no text: languages %v", got)
	}
}

// TestTextLanguagesMany: a text in many languages lists them sorted, by
// either way of sorting.
func TestTextLanguagesMany(t *testing.T) {
	all := []string{"sv", "de", "nl", "fr", "en", "it", "es", "pt", "pl", "fi", "da", "cs", "el", "hu", "ro"}
	for n := 1; n <= len(all); n++ {
		text := Text{Values: map[string]string{}}
		for _, l := range all[:n] {
			text.Values[l] = l
			text.Positions = append(text.Positions, KeyPos{Key: l})
		}
		want := slices.Sorted(maps.Keys(text.Values))
		if got := text.Languages(nil); !slices.Equal(got, want) {
			t.Errorf("%d languages: %v, want %v", n, got, want)
		}
		text.Positions = nil
		if got := text.Languages(nil); !slices.Equal(got, want) {
			t.Errorf("%d languages without positions: %v, want %v", n, got, want)
		}
	}
}
