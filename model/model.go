// Package model holds the policy types, the YAML loader that fills them with
// source positions, and the checks that turn mistakes into diagnostics.
package model

// Policy is one privacy or cookie policy, fully loaded: includes merged,
// every value carrying the position it was read from.
type Policy struct {
	Node
	File      string   `yaml:"-"` // the policy.yaml the policy was loaded from
	ID        string   `yaml:",required"`
	Kind      string   `yaml:",required"` // cookie-policy, privacy-policy, privacy-and-cookie-policy
	Title     Text     `yaml:",required"`
	Languages []string `yaml:",required"` // the first is the source language
	Version   string   `yaml:",required"`
	Effective Date     `yaml:",required"`
	Law       []string // the legal frameworks the policy is written under (Laws); eu-gdpr when absent
	// Domains are the web domains the policy's own trackers are set on,
	// such as "example.com" or "*.example.com": the domains of the first
	// party in its TCF device-storage disclosure.
	Domains   []string
	Changelog []Change
	Banner    *Banner
	Include   []IncludePath

	Controllers []*Party
	DPO         *Party
	Rights      *Rights
	// SecurityMeasures is the general description of the technical and
	// organisational security measures that the record of processing
	// activities gives (Art. 30(1)(g) GDPR); pages do not show it, as Art. 13
	// and 14 do not ask for it.
	SecurityMeasures Text
	Sections         []*Section `yaml:",required"`
	Lists
	Lint *LintConfig

	// Includes are the files merged into this policy, in load order.
	Includes []string `yaml:"-"`
	// Texts are the policy's localized texts by stable path, in source order.
	Texts []TextField `yaml:"-"`
}

// Lists are the parts of a policy that an included file may add to.
type Lists struct {
	Vendors           []*Vendor
	Recipients        []*Recipient
	DataCategories    []*DataCategory
	DataSubjects      []*DataSubject
	TrackerCategories []*TrackerCategory
	Trackers          []*Tracker
	ProcessingGroups  []*ProcessingGroup
	Processing        []*Activity
	Footnotes         []*Footnote
	Transfers         []*Transfer
}

// TextField is a localized text and its stable path, such as
// "trackers.session.purpose": ids, not list positions, so the path survives
// reordering.
type TextField struct {
	Path string
	Text Text
	// V1Path is the path a lock of format policyc-translations/1 gave the
	// text, when that differs: the key of the migration.
	V1Path string `json:",omitempty"`
}

// Change is one entry of the change history.
type Change struct {
	Node
	Version string `yaml:",required"`
	Date    Date   `yaml:",required"`
	Summary Text
}

// Banner is the cookie banner: its text and how long the visitor's choice
// is kept.
type Banner struct {
	Node
	Text           Text `yaml:",required"`
	ChoiceLifetime *Duration
}

// Address is a postal address; Country is an ISO 3166-1 code. A country
// alone is an address: a notice may name only where a company is.
type Address struct {
	Node
	Street     string
	Postcode   string
	City       string
	Country    Country `yaml:",required"`
	Department Text    // "Délégué à la Protection des Données", rendered above the street
}

// Registration is an entry in a company register.
type Registration struct {
	Node
	Register Text   // the register's name, e.g. "RCS Lille"
	Number   string `yaml:",required"`
}

// Party is a legal or natural person with contact details: a controller, the
// data protection officer, a company's parent.
type Party struct {
	Node
	ID           string
	Name         string `yaml:",required"`
	Description  Text   // a short qualifier, e.g. "a subsidiary of OVH Groupe SA"
	Address      *Address
	Registration *Registration
	Email        string
	Phone        string
	URL          URL
	Form         URL // a web form for requests
	Parent       *Party
}

// Vendor is a company providing trackers or receiving data.
type Vendor struct {
	Node
	ID            string `yaml:",required"`
	Name          string `yaml:",required"` // the legal name, never translated
	Description   Text   // what the company does for the controller, e.g. "hosts the website"
	Country       Country
	Address       *Address
	Role          string // processor, controller, joint-controller
	PrivacyPolicy URL
	OptOut        URL
	// Domains are the web domains the vendor's trackers are set on or read
	// from, such as "*.vendor.example": the domains of its TCF
	// device-storage disclosure.
	Domains []string
}

// Recipient is a recipient or category of recipients of personal data.
type Recipient struct {
	Node
	ID          string `yaml:",required"`
	Name        Text   `yaml:",required"`
	Vendor      Ref    // the vendor, when the recipient is one named company
	Country     Country
	Note        Text
	Description Text // what the recipient receives the data for
	// General says the recipient receives data of all processing, as a
	// hosting provider does: the page names it once, in the recipients
	// block, instead of in every activity.
	General bool
}

// DataCategory is a category of personal data.
type DataCategory struct {
	Node
	ID          string `yaml:",required"`
	Name        Text   `yaml:",required"`
	Description Text
	Special     bool // a special category of Art. 9 GDPR
	// Source is where data of this category come from; processing
	// activities that use data from elsewhere must say so (NO_SOURCE).
	Source Source
}

// DataSubject is a category of data subjects.
type DataSubject struct {
	Node
	ID   string `yaml:",required"`
	Name Text   `yaml:",required"`
}

// TrackerCategory groups trackers and says whether they need consent.
type TrackerCategory struct {
	Node
	ID              string `yaml:",required"`
	Name            Text   `yaml:",required"`
	Description     Text
	ConsentRequired bool `yaml:",required"`
	LegalBases      []LegalBasis
	// Transfers are the transfers the category's trackers make outside
	// the EEA, with their ground: "in the case of third countries, Art.
	// 49(1)(b)" is a transfer derogation, not a legal basis.
	Transfers []*Transfer
	// Exemption names the consent exemption a consent-free category of
	// trackers relies on: audience-measurement, for analytics that meet an
	// authority's conditions (CNIL guidelines of 2020).
	Exemption string
	// TCFPurposes are the purposes of the IAB Transparency and Consent
	// Framework (1 to 11) the category's trackers serve, for its
	// device-storage disclosure; purpose 1 is added when the category needs
	// consent.
	TCFPurposes []TCFPurpose
}

// Tracker is one row of a tracker table: one or more names that share a
// provider, purpose and lifetime.
type Tracker struct {
	Node
	ID           string `yaml:",required"`
	Names        []TrackerName
	Provider     Ref // a vendor
	Category     Ref `yaml:",required"` // a tracker category
	Purpose      Text
	Lifetime     *Duration
	Technologies []Technology `yaml:"technology"`
	Countries    []Country
	Party        string // first or third
	Storage      string // "none" for a row that stores nothing on the device (cookieless); "device" or empty otherwise
	// LegalBases are the row's own legal bases, when they differ from its
	// category's or narrow them ("legitimate interests, only for crash
	// reports").
	LegalBases         []LegalBasis
	LegitimateInterest Text // the interest pursued, when a basis is legitimate interests
	Refresh            bool // the cookie's expiry is set again on each visit (TCF "cookieRefresh")
}

// TrackerName is one cookie or storage key, or a pattern of keys such as
// "_ga_<container-id>" or "_pk_id.*" (see ParseNamePattern); Lifetime
// overrides the row's.
type TrackerName struct {
	Pos      Pos
	Name     string
	Lifetime *Duration
}

// ProcessingGroup is a heading under which processing activities are listed,
// with the legal bases they share.
type ProcessingGroup struct {
	Node
	ID         string `yaml:",required"`
	Title      Text   `yaml:",required"`
	LegalBases []LegalBasis
	// ShortTitle names the group's purposes in a few words for the short
	// notice (build --format summary), where the title is too long.
	ShortTitle Text
}

// Activity is one processing activity: a purpose and everything Art. 13 and
// 14 GDPR require about it.
type Activity struct {
	Node
	ID                 string `yaml:",required"`
	Group              Ref
	Purpose            Text `yaml:",required"`
	LegalBases         []LegalBasis
	LegitimateInterest Text
	DataSubjects       []Ref
	DataCategories     []DataUse    `yaml:",required"`
	Retention          []*Retention `yaml:",required"`
	// Conditions say when the activity takes place at all: in a region,
	// on a platform, only when signed in.
	Conditions Text
	// OnDevice says the activity's data never leave the visitor's device.
	OnDevice           bool
	Recipients         []*RecipientUse
	Source             Source // where its data come from: "data-subject", or the source
	Transfers          []*Transfer
	Requirement        Text // statutory or contractual requirement, Art. 13(2)(e)
	AutomatedDecisions Text // Art. 22; absent means none
	Footnotes          []Ref
	// SecurityMeasures describes the measures of this activity, when they
	// differ from the policy's.
	SecurityMeasures Text
}

// DataUse is a data category an activity processes; OnDevice says these
// data never leave the visitor's device.
type DataUse struct {
	Ref
	OnDevice bool
}

// RecipientUse is a recipient of one activity, optionally with a qualifier
// such as "partial information only".
type RecipientUse struct {
	Recipient Ref
	Note      Text
}

// Transfer is a transfer of personal data outside the EEA: to the countries
// named, or, when none are, to third countries in general ("in the case of
// third countries"), on a safeguard or an Art. 49(1) derogation.
type Transfer struct {
	Node
	Countries []Country
	Safeguard Safeguard `yaml:",required"`
	Note      Text
}

// Footnote is a note that processing activities refer to, rendered with a
// marker such as (*) under the table.
type Footnote struct {
	Node
	ID   string `yaml:",required"`
	Text Text   `yaml:",required"`
}

// Rights says which data subject rights apply and how to exercise them.
type Rights struct {
	Node
	List        []Right
	Channels    []*Channel
	Authorities []*AuthorityUse
	Note        Text
}

// Channel is one way to exercise rights: a web form, an e-mail address or a
// postal address.
type Channel struct {
	Node
	Form  URL
	Email string
	Post  *Address
}

// AuthorityUse is a supervisory authority a complaint can go to, with the
// cases it is competent for when there are several.
type AuthorityUse struct {
	Node
	Authority *Authority
	Scope     Text
}

// Authority is a supervisory authority, known by key or defined in the
// policy. A defined one has a name, localized or not, and may describe
// itself.
type Authority struct {
	Key         string
	Name        string // the name in the source language, or as written when not localized
	LocalName   Text   // the name in each language, when localized
	Country     Country
	URL         URL
	Description Text
}

// Section is a part of the policy's prose with a stable id, an optional body
// and the generated blocks placed after it.
type Section struct {
	Node
	ID       string `yaml:",required"`
	Title    Text   `yaml:",required"`
	Body     Text
	Blocks   []Block
	Sections []*Section
}

// Block is a generated part of a page placed in a section.
type Block struct {
	Pos  Pos
	Kind string // trackers, processing, rights, controllers, dpo, transfers, vendors, changelog
	Ref  Ref    // the tracker category or processing group, for trackers and processing
}

// LintConfig holds the policy's settings for policyc's rules.
type LintConfig struct {
	Node
	Ignore []*Ignore
}

// Ignore suppresses the findings of one rule, for the whole policy or for
// the item at Path (a stable item path such as "processing.billing"), for
// the reason given.
type Ignore struct {
	Node
	Rule   string `yaml:",required"`
	Path   string
	Reason string
}
