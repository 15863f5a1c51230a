package render

import (
	"github.com/policyc/policyc/locales"
	"github.com/policyc/policyc/model"
)

// The JSON contract: the types of a resolved document, which the templates
// read and build --format json writes (the README describes them). The
// resolver that fills them in from a policy is in resolve.go.

// Document is a policy resolved in one language: every reference replaced
// by what it names, every fact given both raw and as the page shows it. It
// is the data of the templates and, as JSON, the documented output shape.
type Document struct {
	Schema    string `json:"schema"`
	ID        string `json:"id"`
	Lang      string `json:"lang"`
	Kind      Fact   `json:"kind"`
	Title     string `json:"title"`
	Version   string `json:"version"`
	Effective Fact   `json:"effective"`
	Laws      []Fact `json:"laws"`
	// ShowLaws says whether the page names its laws: when the policy
	// names them, as the default, the EU GDPR, goes without saying.
	ShowLaws       bool                `json:"-"`
	Alternates     []Alternate         `json:"alternates"`
	Banner         *BannerView         `json:"banner,omitempty"`
	Controllers    []*PartyView        `json:"controllers"`
	DPO            *PartyView          `json:"dpo,omitempty"`
	Categories     []*CategoryView     `json:"trackerCategories"`
	Groups         []*GroupView        `json:"processingGroups"`
	Vendors        []*VendorView       `json:"vendors"`
	DataCategories []*DataCategoryView `json:"dataCategories"`
	// Recipients are the recipients of all processing, which the page
	// names once.
	Recipients   []RecipientView `json:"generalRecipients,omitempty"`
	Transfers    []*TransferView `json:"transfers"`
	Rights       *RightsView     `json:"rights,omitempty"`
	Changelog    []*ChangeView   `json:"changelog"`
	Sections     []*SectionView  `json:"sections"`
	msgs         *locales.Messages
	languages    []string // the policy's languages, its source language first
	rows         int      // tracker rows and processing activities, to size output buffers
	categoryByID map[string]*CategoryView
	groupByID    map[string]*GroupView
}

// Fact is a language-neutral value and its rendering in the document's
// language.
type Fact struct {
	Raw  string `json:"raw"`
	Text string `json:"text"`
	// AppliesTo is the part of the processing a legal basis covers, when
	// not all; Text includes it.
	AppliesTo string `json:"appliesTo,omitempty"`
}

// Alternate is the same policy in another language.
type Alternate struct {
	Lang string `json:"lang"`
	Name string `json:"name"`
	Href string `json:"href"`
}

type BannerView struct {
	Text           string `json:"text"`
	ChoiceLifetime *Fact  `json:"choiceLifetime,omitempty"`
	// ChoiceStated says the banner text already states the choice
	// lifetime, which the page then does not repeat.
	ChoiceStated bool `json:"-"`
}

type PartyView struct {
	ID           string     `json:"id,omitempty"`
	Name         string     `json:"name"`
	Description  string     `json:"description,omitempty"`
	Address      []string   `json:"address,omitempty"`
	Registration string     `json:"registration,omitempty"`
	Email        string     `json:"email,omitempty"`
	Phone        string     `json:"phone,omitempty"`
	URL          string     `json:"url,omitempty"`
	Form         string     `json:"form,omitempty"`
	Parent       *PartyView `json:"parent,omitempty"`
}

type CategoryView struct {
	ID              string          `json:"id"`
	Name            string          `json:"name"`
	Description     string          `json:"description,omitempty"`
	ConsentRequired bool            `json:"consentRequired"`
	Consent         string          `json:"consent"`
	LegalBases      []Fact          `json:"legalBases"`
	Transfers       []*TransferView `json:"transfers"`
	Trackers        []*TrackerView  `json:"trackers"`
	// Patterns says whether a tracker name is a pattern, which the table
	// explains under it.
	Patterns bool `json:"-"`
}

func (c *CategoryView) notePatterns() {
	if c != nil {
		c.Patterns = true
	}
}

type TrackerView struct {
	ID           string      `json:"id"`
	Names        []NameView  `json:"names"`
	Provider     *VendorView `json:"provider,omitempty"`
	Purpose      string      `json:"purpose"`
	Lifetime     *Fact       `json:"lifetime,omitempty"`
	Technologies []Fact      `json:"technologies"`
	Countries    []Fact      `json:"countries"`
	Party        *Fact       `json:"party,omitempty"`
	Storage      string      `json:"storage"` // device, or none for a row that stores nothing
	ConsentReq   bool        `json:"consentRequired"`
	// LegalBases are the row's own bases, when it states them.
	LegalBases         []Fact `json:"legalBases,omitempty"`
	LegitimateInterest string `json:"legitimateInterest,omitempty"`
}

// NameView is a cookie or storage key, or a pattern of keys with the
// regular expression that matches them, for consent tools and audits.
type NameView struct {
	Name     string `json:"name"`
	Pattern  bool   `json:"pattern,omitempty"`
	Regexp   string `json:"regexp,omitempty"`
	Lifetime *Fact  `json:"lifetime,omitempty"`
	parts    []model.NamePart
}

type VendorView struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Description   string `json:"description,omitempty"`
	Country       *Fact  `json:"country,omitempty"`
	Role          *Fact  `json:"role,omitempty"`
	Address       string `json:"address,omitempty"`
	PrivacyPolicy string `json:"privacyPolicy,omitempty"`
	OptOut        string `json:"optOut,omitempty"`
}

// DataCategoryView is a category of personal data with its definition, as
// a "data definitions" table shows it.
type DataCategoryView struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Special     bool   `json:"special"`
}

type GroupView struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	LegalBases []Fact          `json:"legalBases"`
	Activities []*ActivityView `json:"activities"`
	Footnotes  []FootnoteView  `json:"footnotes"`
}

type FootnoteView struct {
	ID     string `json:"id"`
	Marker string `json:"marker"`
	Text   string `json:"text"`
}

type ActivityView struct {
	ID                 string          `json:"id"`
	Purpose            string          `json:"purpose"`
	Markers            string          `json:"footnoteMarkers,omitempty"`
	LegalBases         []Fact          `json:"legalBases"`
	LegitimateInterest string          `json:"legitimateInterest,omitempty"`
	DataSubjects       []Fact          `json:"dataSubjects"`
	DataCategories     []Fact          `json:"dataCategories"`
	Retention          []RetentionView `json:"retention"`
	Recipients         []RecipientView `json:"recipients"`
	Source             string          `json:"source,omitempty"`
	Transfers          []*TransferView `json:"transfers"`
	Requirement        string          `json:"requirement,omitempty"`
	AutomatedDecisions string          `json:"automatedDecisions,omitempty"`
	Conditions         string          `json:"conditions,omitempty"`
	Special            bool            `json:"specialCategories"`
	// OnDevice says none of the activity's data leave the visitor's
	// device; OnDeviceData names the data categories that do not, when
	// only some.
	OnDevice     bool     `json:"onDevice,omitempty"`
	OnDeviceData []string `json:"onDeviceData,omitempty"`
	// Notes are the conditions, legitimate interest, source, requirement
	// and automated decisions with their labels, as the tables show them under the purpose.
	Notes []LabelledText `json:"-"`
}

type LabelledText struct{ Label, Text string }

type RetentionView struct {
	Raw      string `json:"raw,omitempty"`
	Text     string `json:"text"`
	For      []Fact `json:"for,omitempty"`
	Note     string `json:"note,omitempty"`
	Criteria string `json:"criteria,omitempty"`
}

type RecipientView struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	Note        string      `json:"note,omitempty"`
	Vendor      *VendorView `json:"vendor,omitempty"`
	Country     *Fact       `json:"country,omitempty"`
}

type TransferView struct {
	Countries []Fact `json:"countries"`
	Safeguard Fact   `json:"safeguard"`
	Note      string `json:"note,omitempty"`
	// Text is the transfer as a sentence: the countries with their
	// articles, then the safeguard ("Transfers to the United States:
	// standard contractual clauses (…).").
	Text string `json:"text"`
}

type RightsView struct {
	List        []Fact          `json:"list"`
	Channels    []ChannelView   `json:"channels"`
	Authorities []AuthorityView `json:"authorities"`
	Note        string          `json:"note,omitempty"`
}

type ChannelView struct {
	Kind    string   `json:"kind"` // form, email, post
	Value   string   `json:"value,omitempty"`
	Href    string   `json:"href,omitempty"`
	Address []string `json:"address,omitempty"`
}

type AuthorityView struct {
	Key         string `json:"key,omitempty"`
	Name        string `json:"name"`
	Country     Fact   `json:"country"`
	URL         string `json:"url,omitempty"`
	Description string `json:"description,omitempty"`
	Scope       string `json:"scope,omitempty"`
}

type ChangeView struct {
	Version string `json:"version"`
	Date    Fact   `json:"date"`
	Summary string `json:"summary"`
}

type SectionView struct {
	ID       string         `json:"id"`
	Level    int            `json:"level"`
	Title    string         `json:"title"`
	Body     string         `json:"body,omitempty"`
	Blocks   []BlockView    `json:"blocks,omitempty"`
	Sections []*SectionView `json:"sections,omitempty"`
}

// BlockView is a generated block placed in a section; Ref names the tracker
// category or processing group it shows.
type BlockView struct {
	Kind     string        `json:"kind"`
	Ref      string        `json:"ref,omitempty"`
	Level    int           `json:"-"` // of the block's heading: one below its section's
	Category *CategoryView `json:"-"`
	Group    *GroupView    `json:"-"`
}

// SchemaVersion names the JSON shape; it changes when the shape does.
const SchemaVersion = "policyc/v1"
