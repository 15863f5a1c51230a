package model

import (
	"regexp"
	"testing"
)

func TestNamePatterns(t *testing.T) {
	for _, c := range []struct {
		name, regexp string
		match, miss  []string
	}{
		{"_ga", `^_ga$`, []string{"_ga"}, []string{"_gat", "x_ga"}},
		{"_ga_<container-id>", `^_ga_.+$`, []string{"_ga_ABC123XY"}, []string{"_ga_", "_ga"}},
		{"_pk_id.*", `^_pk_id\..+$`, []string{"_pk_id.1.1fff"}, []string{"_pk_id", "_pk_idx1"}},
		{"ph_<project-key>_posthog", `^ph_.+_posthog$`, []string{"ph_phc_abc_posthog"}, []string{"ph__posthog"}},
		{"_hj*", `^_hj.+$`, []string{"_hjSessionUser_123"}, []string{"_hj"}},
		{"AMP_*", `^AMP_.+$`, []string{"AMP_1a2b"}, []string{"AMP"}},
	} {
		parts, err := ParseNamePattern(c.name)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		re := NameRegexp(parts)
		if re != c.regexp {
			t.Errorf("NameRegexp(%s) = %s, want %s", c.name, re, c.regexp)
		}
		rx := regexp.MustCompile(re)
		for _, m := range c.match {
			if !rx.MatchString(m) {
				t.Errorf("%s does not match %s", c.name, m)
			}
		}
		for _, m := range c.miss {
			if rx.MatchString(m) {
				t.Errorf("%s matches %s", c.name, m)
			}
		}
	}
	for name, want := range map[string]string{
		"_ga_<container-id":  `invalid tracker name "_ga_<container-id": the placeholder "<container-id" is not closed; close it with ">", as in "_ga_<container-id>"`,
		"_ga_<Container ID>": `invalid tracker name "_ga_<Container ID>": placeholder <Container ID>; name it with lower-case letters, digits and hyphens, as in "_ga_<container-id>"`,
		"_ga_>":              `invalid tracker name "_ga_>": ">" closes no placeholder; write a placeholder as <name>, as in "_ga_<container-id>"`,
		"_pk_<a>*":           `invalid tracker name "_pk_<a>*": two variable parts in a row; put text between two variable parts, or write one`,
	} {
		_, err := ParseNamePattern(name)
		if err == nil || err.Error() != want {
			t.Errorf("ParseNamePattern(%q)\n got %v\nwant %s", name, err, want)
		}
	}
}
