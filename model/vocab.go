package model

// The closed vocabularies of the policy format. Each key is rendered through
// the locales, so a key added here needs a message in every language.

// Kinds are the kinds of policy.
var Kinds = []string{"cookie-policy", "privacy-policy", "privacy-and-cookie-policy"}

// LegalBases are the legal bases: Art. 6(1)(a)–(f), Art. 9(2)(a)–(j) and
// Art. 49(1)(a)–(g) GDPR.
var LegalBases = []string{
	"consent", "contract", "legal-obligation", "vital-interests", "public-interest", "legitimate-interests",
	"art9-2-a", "art9-2-b", "art9-2-c", "art9-2-d", "art9-2-e", "art9-2-f", "art9-2-g", "art9-2-h", "art9-2-i", "art9-2-j",
	"art49-1-a", "art49-1-b", "art49-1-c", "art49-1-d", "art49-1-e", "art49-1-f", "art49-1-g",
}

// Technologies are the ways a tracker stores or reads data.
var Technologies = []string{"http-cookie", "local-storage", "session-storage", "pixel", "script", "beacon", "fingerprinting"}

// Safeguards are the grounds of a transfer outside the EEA.
// The derogations of Art. 49(1)(a)–(g) GDPR are named one by one, as a
// policy states which one a transfer rests on.
var Safeguards = []string{"adequacy", "scc-2021-914", "bcr", "art49", "art49-1-a", "art49-1-b", "art49-1-c", "art49-1-d", "art49-1-e", "art49-1-f", "art49-1-g", "none"}

// RightKeys are the data subject rights, with withdrawal of consent, complaint
// and the safeguards against automated decisions.
var RightKeys = []string{"access", "rectification", "erasure", "restriction", "portability", "objection", "withdraw-consent", "automated-decisions", "complaint"}

// Roles are the roles of a vendor towards the controller.
var Roles = []string{"processor", "controller", "joint-controller"}

// Storages say whether a tracker stores anything on the visitor's device:
// "none" is a cookieless row (a script or beacon that sets nothing).
var Storages = []string{"device", "none"}

// Parties say whether a tracker is set by the site itself or a third party.
var Parties = []string{"first", "third"}

// Exemptions are the consent exemptions a tracker category can rely on.
var Exemptions = []string{"audience-measurement"}

// BlockKinds are the generated blocks a section can place.
var BlockKinds = []string{"trackers", "processing", "rights", "controllers", "dpo", "transfers", "vendors", "changelog", "data-categories", "recipients"}

// Events are the moments a retention period starts or ends at.
var Events = []string{
	"collection", "interaction", "last-contact", "contract-end", "account-closure",
	"consent-withdrawal", "objection", "event", "event-end", "service-end",
	"full-payment", "payment-default", "subscription-end", "proceedings-end", "session-end",
	"identity-check", "anonymisation", "request-handled",
}

// DurationUnits are the units of a duration, singular.
var DurationUnits = []string{"minute", "hour", "day", "week", "month", "year"}

// Laws are the legal frameworks a policy can be written under: the EU GDPR,
// the UK GDPR with the Data Protection Act 2018, the Swiss revised Federal
// Act on Data Protection, and Quebec's private sector act as amended by
// Law 25. Their references and terms are in the locales (docs/laws.md).
var Laws = []string{"eu-gdpr", "uk-gdpr", "ch-fadp", "ca-qc"}

// PolicyLaws are the laws of p: eu-gdpr when it names none.
func (p *Policy) PolicyLaws() []string {
	if len(p.Law) == 0 {
		return []string{"eu-gdpr"}
	}
	return p.Law
}

// Authorities are the supervisory authorities known by key.
var Authorities = map[string]Authority{
	"ap":      {Key: "ap", Name: "Autoriteit Persoonsgegevens", Country: Country{Code: "NL"}, URL: URL{URL: "https://autoriteitpersoonsgegevens.nl"}},
	"apd-gba": {Key: "apd-gba", Name: "Autorité de protection des données / Gegevensbeschermingsautoriteit", Country: Country{Code: "BE"}, URL: URL{URL: "https://www.autoriteprotectiondonnees.be"}},
	"cnil":    {Key: "cnil", Name: "Commission nationale de l'informatique et des libertés (CNIL)", Country: Country{Code: "FR"}, URL: URL{URL: "https://www.cnil.fr"}},
	"bfdi":    {Key: "bfdi", Name: "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI)", Country: Country{Code: "DE"}, URL: URL{URL: "https://www.bfdi.bund.de"}},
	"de-nw":   {Key: "de-nw", Name: "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW)", Country: Country{Code: "DE"}, URL: URL{URL: "https://www.ldi.nrw.de"}},
	"dpc":     {Key: "dpc", Name: "Data Protection Commission", Country: Country{Code: "IE"}, URL: URL{URL: "https://www.dataprotection.ie"}},
	"cnpd":    {Key: "cnpd", Name: "Commission nationale pour la protection des données", Country: Country{Code: "LU"}, URL: URL{URL: "https://cnpd.public.lu"}},
	// Authorities whose name the page takes from the locales
	// (authority.<key>), as it differs by language.
	"ico":   {Key: "ico", Name: "Information Commissioner's Office (ICO)", Country: Country{Code: "GB"}, URL: URL{URL: "https://ico.org.uk"}},
	"fdpic": {Key: "fdpic", Name: "Federal Data Protection and Information Commissioner (FDPIC)", Country: Country{Code: "CH"}, URL: URL{URL: "https://www.edoeb.admin.ch"}},
	"cai":   {Key: "cai", Name: "Commission d'accès à l'information du Québec (CAI)", Country: Country{Code: "CA"}, URL: URL{URL: "https://www.cai.gouv.qc.ca"}},
}

// eea are the members of the European Economic Area, and the codes that
// stand for it.
var eea = []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
	"MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO", "EU", "EEA"}

// InEEA reports whether code is a member of the European Economic Area or
// stands for it (EU, EEA): data there are not transferred to a third country.
// Every country of every tracker is looked up: a set answers at once.
func InEEA(code string) bool { return eeaSet[code] }

var eeaSet = func() map[string]bool {
	set := make(map[string]bool, len(eea))
	for _, c := range eea {
		set[c] = true
	}
	return set
}()

// RenderLanguages are the languages policyc has messages for.
var RenderLanguages = []string{"nl", "en", "fr"}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
