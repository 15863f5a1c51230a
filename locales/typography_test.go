package locales

import "testing"

func messages(t *testing.T, lang string) *Messages {
	t.Helper()
	m, err := For(lang)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 999, "999"}, {"en", 1500, "1,500"}, {"en", 10000, "10,000"}, {"en", 1234567, "1,234,567"},
		{"nl", 1500, "1.500"}, {"nl", 10000, "10.000"},
		{"fr", 1500, "1\u202f500"}, {"fr", 10000, "10\u202f000"}, {"fr", -2000, "-2\u202f000"},
	} {
		if got := messages(t, tc.lang).Number(tc.n); got != tc.want {
			t.Errorf("%s Number(%d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
	if got := messages(t, "fr").Plural("duration.day", 1500); got != "1\u202f500 jours" {
		t.Errorf("fr 1500 days = %q", got)
	}
	if got := messages(t, "nl").Plural("duration.day", 10000); got != "10.000 dagen" {
		t.Errorf("nl 10000 days = %q", got)
	}
}

func TestDay(t *testing.T) {
	for lang, want := range map[string]string{"en": "1", "nl": "1", "fr": "1er"} {
		if got := messages(t, lang).Day(1); got != want {
			t.Errorf("%s Day(1) = %q, want %q", lang, got, want)
		}
		if got := messages(t, lang).Day(2); got != "2" {
			t.Errorf("%s Day(2) = %q", lang, got)
		}
	}
}

func TestTypeset(t *testing.T) {
	fr := messages(t, "fr")
	for in, want := range map[string]string{
		"Base juridique: contrat":                         "Base juridique\u202f: contrat",
		"Base juridique : contrat":                        "Base juridique\u202f: contrat",
		"Base juridique\u00a0: contrat":                   "Base juridique\u202f: contrat",
		"Déjà bien\u202f: rien":                           "Déjà bien\u202f: rien",
		"Vraiment? Oui! Non; fin:":                        "Vraiment\u202f? Oui\u202f! Non\u202f; fin\u202f:",
		"le « RGPD » et «AVG»":                            "le «\u202fRGPD\u202f» et «\u202fAVG\u202f»",
		"**Note:** voir https://x.fr/a?b=c":               "**Note\u202f:** voir https://x.fr/a?b=c",
		"à 10:30, [lien](mailto:a@b.fr) ![x":              "à 10:30, [lien](mailto:a@b.fr) ![x",
		"(pourquoi?)":                                     "(pourquoi\u202f?)",
		"- élément\n: définition":                         "- élément\n: définition",
		"[écrire](mailto:a@b.fr?subject=RGPD!) ici!":      "[écrire](mailto:a@b.fr?subject=RGPD!) ici\u202f!",
		"[a](https://x.fr/(b)?) et <https://x.fr/a?> ok?": "[a](https://x.fr/(b)?) et <https://x.fr/a?> ok\u202f?",
		"[a](https://x.fr/a?\nsuite!":                     "[a](https://x.fr/a?\nsuite\u202f!",
		"a < b: vrai":                                     "a < b\u202f: vrai",
	} {
		if got := fr.Typeset(in); got != want {
			t.Errorf("Typeset(%q) = %q, want %q", in, got, want)
		}
	}
	if got := messages(t, "en").Typeset("Note: yes"); got != "Note: yes" {
		t.Errorf("English changed: %q", got)
	}
}

func TestCountryInText(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		codes []string
		want  string
	}{
		{"en", []string{"BE", "EEA"}, "Belgium and the European Economic Area"},
		{"en", []string{"US", "CA", "GB"}, "the United States, Canada and the United Kingdom"},
		{"nl", []string{"BE", "EEA"}, "België en de Europese Economische Ruimte"},
		{"nl", []string{"US", "GB", "NL"}, "de Verenigde Staten, het Verenigd Koninkrijk en Nederland"},
		{"fr", []string{"BE", "EEA"}, "la Belgique et l'Espace économique européen"},
		{"fr", []string{"CA", "AU", "SG"}, "le Canada, l'Australie et Singapour"},
		{"fr", []string{"US", "NL", "MX", "IE"}, "les États-Unis, les Pays-Bas, le Mexique et l'Irlande"},
		{"fr", []string{"EU"}, "l'Union européenne"},
	} {
		m := messages(t, tc.lang)
		if got := m.CountryList(tc.codes); got != tc.want {
			t.Errorf("%s CountryList(%v) = %q, want %q", tc.lang, tc.codes, got, tc.want)
		}
		if err := m.Err(); err != nil {
			t.Error(err)
		}
	}
}
