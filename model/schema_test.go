package model

import (
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSchemaPatterns checks the value patterns against the parsers they
// stand for.
func TestSchemaPatterns(t *testing.T) {
	for _, c := range []struct {
		pattern string
		parse   func(string) error
		values  []string
	}{
		{durationPattern, func(s string) error { _, err := ParseDuration(s); return err },
			[]string{"session", "13 months", "1 year", "1 years", "24 hours", "session, at most 10 minutes", "0 days", "13 mnths", "13months", "session,at most 1 day", " 1 day", "10001 days"}},
		{retentionPattern, func(s string) error { _, err := ParseRetention(s); return err },
			[]string{"13 months from collection", "until contract-end + 90 days", "at most 5 years", "3 years, then 2 years in archive, at most 10 years",
				"until consent-withdrawal", "at most 5 years, then 1 year in archive", "7 years from signup", "forever", "1 day, at most 2 days, then 1 day in archive"}},
		{countryPattern, ParseCountry, []string{"FR", "EU", "EEA", "fr", "FRA", "E"}},
		{datePattern, func(s string) error { _, err := ParseDate(s); return err }, []string{"2026-01-15", "2026-13-01", "26-01-15", "2026-1-5"}},
	} {
		re := regexpFor(t, c.pattern)
		for _, v := range c.values {
			if got, want := re(v), c.parse(v) == nil; got != want {
				t.Errorf("pattern %s matches %q: %v, parser accepts it: %v", c.pattern, v, got, want)
			}
		}
	}
}

func regexpFor(t *testing.T, pattern string) func(string) bool {
	s := compileString(t, pattern)
	return func(v string) bool { return s.Validate(v) == nil }
}

func compileString(t *testing.T, pattern string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	if err := c.AddResource("p.json", map[string]any{"type": "string", "pattern": pattern}); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("p.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}
