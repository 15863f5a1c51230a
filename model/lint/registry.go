package lint

// Analyzers is the registry: every rule policyc applies, in the order
// `policyc rules` lists them. Each has a fixture in testdata/<ID>/.
var Analyzers = []*Analyzer{
	// What the loader finds while reading the YAML.
	YAMLSyntax, File, UnknownKey, DuplicateKey, WrongType, MissingField, InvalidValue, AliasLimit, Include,
	MissingTranslation, UndeclaredLanguage, TextComment,
	// The policy as a whole.
	DuplicateID, UnresolvedRef, PolicyID, InlineFact, Unplaced, Unused, IgnoreNoReason, IgnoreUnused,
	// Translations.
	TranslationLock, TranslationStale, TranslationModified, TranslationUnconfirmed, TranslatedFact, FactDrift,
	// What a privacy notice must say (GDPR Art. 12–14).
	NoController, ControllerContact, NoDPO, DPOContact,
	NoLegalBasis, NoLegitimateInterest, NoDataCategories, NoRecipients,
	TransferNoSafeguard, TransferArt49, Art49LegalBasis, AdequacyCountry, UndeclaredTransfer,
	NoRetention, RetentionVague, NoRights, RightMissing, NoWithdrawConsent, NoAuthority,
	NoRequirementStatement, NoAutomatedDecisions, SpecialCategoryCondition, NoSource,
	// Cookies and other trackers.
	TrackerNoName, TrackerNoProvider, TrackerNoPurpose, TrackerNoLifetime, TrackerNoTechnology, TrackerNoParty,
	ConsentFreeTracking, AudienceExemption, ConsentLegitimateInterest, TrackerLifetimeLong,
	BannerChoiceLifetime, BannerButtons, ChoiceLifetimeLong, NoChoiceLifetime, ConsentRecord,
	// What policyc audit sees a site do, against what the policy declares.
	AuditUndeclared, AuditNotSeen, AuditLifetimeLonger, AuditBeforeConsent, AuditUndeclaredHost, AuditCategoryMismatch,
}
