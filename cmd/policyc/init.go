package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/policyc/policyc/model"
	"github.com/policyc/policyc/model/translation"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

type initOptions struct {
	Dir       string
	Kind      string
	Langs     []string
	ID        string
	Effective string
	Schema    string
	// Prompt, when set, asks for what the command line does not say.
	Prompt *bufio.Reader
	IO     *streams
}

// initKinds are the kinds init writes: a cookie policy has a controller,
// a tracker category and its table; a privacy policy a controller, a
// processing activity and the rights; the combined kind has both.
var initKinds = model.Kinds

func newInitCmd(s *streams) *cobra.Command {
	opts := &initOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a new, minimal policy to start from",
		Long: `Init writes DIR/policy.yaml, a minimal complete policy of the given kind in
the given languages (the first is the source language), and
DIR/translations.lock, which confirms its placeholder translations. The
policy passes check; every place to fill in says TODO. Init never
overwrites: it refuses when DIR already holds a policy.

The policy id is the folder name: give DIR, or --id to write into
policies/ID. On a terminal, init without arguments or flags asks for each.

The first line names the JSON Schema of the format for editors with a YAML
language server; --schema names another copy (policyc schema prints it).`,
		Example: `  policyc init policies/shop --kind cookie-policy --lang nl,en
  policyc init --id shop-privacy --kind privacy-policy --lang en,nl,fr`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if len(args) == 0 && cmd.Flags().NFlag() == 0 && s.InTerminal {
				opts.Prompt = bufio.NewReader(s.In)
			}
			return runInit(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "privacy-policy", "kind of policy: "+strings.Join(initKinds, ", "))
	cmd.Flags().StringSliceVar(&opts.Langs, "lang", []string{"en", "nl", "fr"}, "languages, the source language first")
	cmd.Flags().StringVar(&opts.ID, "id", "", "policy id (default: the folder name)")
	cmd.Flags().StringVar(&opts.Effective, "effective", "", "date the policy takes effect, YYYY-MM-DD (default: today)")
	cmd.Flags().StringVar(&opts.Schema, "schema", model.SchemaURL, "location of the JSON Schema named on the first line")
	return cmd
}

func runInit(opts *initOptions) error {
	if opts.Prompt != nil {
		if err := promptInit(opts); err != nil {
			return err
		}
	}
	if !slices.Contains(initKinds, opts.Kind) {
		return usagef("--kind must be one of %s, not %q", strings.Join(initKinds, ", "), opts.Kind)
	}
	if len(opts.Langs) == 0 {
		return usagef("--lang needs at least one language")
	}
	for i, l := range opts.Langs {
		if err := model.ParseLanguage(l); err != nil {
			return usagef("--lang: %v", err)
		}
		if slices.Contains(opts.Langs[:i], l) {
			return usagef("--lang: %q is given twice", l)
		}
	}
	switch {
	case opts.Dir == "" && opts.ID == "":
		return usagef("init needs a folder (policyc init DIR) or --id")
	case opts.Dir == "":
		opts.Dir = filepath.Join("policies", opts.ID)
	case opts.ID == "":
		opts.ID = filepath.Base(filepath.Clean(opts.Dir))
	}
	if err := model.ParseID(opts.ID); err != nil {
		return usagef("policy id: %v", err)
	}
	if base := filepath.Base(filepath.Clean(opts.Dir)); base != opts.ID {
		return usagef("the policy id %q must be the name of its folder %q", opts.ID, base)
	}
	if opts.Effective == "" {
		opts.Effective = time.Now().UTC().Format(time.DateOnly)
	}
	if _, err := model.ParseDate(opts.Effective); err != nil {
		return usagef("--effective: %v", err)
	}

	policyFile := filepath.Join(opts.Dir, model.PolicyFile)
	lockFile := filepath.Join(opts.Dir, "translations.lock")
	for _, f := range []string{policyFile, lockFile} {
		if _, err := os.Lstat(f); err == nil {
			return fmt.Errorf("%s already exists; init writes only new policies", f)
		} else if !errors.Is(err, os.ErrNotExist) {
			return failure{err}
		}
	}
	src, err := initPolicy(opts)
	if err != nil {
		return failure{err}
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return failure{err}
	}
	if err := translation.WriteFile(policyFile, src); err != nil {
		return failure{err}
	}
	written := []string{policyFile}
	p, diags := model.LoadFile(policyFile)
	if diags.HasErrors() || p == nil {
		// The template is tested to pass check: this is a bug, shown as such.
		model.WriteText(opts.IO.Err, diags)
		return fmt.Errorf("the new policy does not pass check")
	}
	if len(translation.Targets(p)) > 0 {
		state, ds := translation.Load(p)
		if len(ds) > 0 {
			model.WriteText(opts.IO.Err, ds)
			return fmt.Errorf("the new policy's translations cannot be confirmed")
		}
		lock, _, ds := state.Confirm(translation.Selection{})
		if len(ds) > 0 || lock == nil {
			model.WriteText(opts.IO.Err, ds)
			return fmt.Errorf("the new policy's translations cannot be confirmed")
		}
		data, err := lock.Marshal()
		if err != nil {
			return failure{err}
		}
		if err := translation.WriteFile(lockFile, data); err != nil {
			return failure{err}
		}
		written = append(written, lockFile)
	}
	_, err = fmt.Fprintf(opts.IO.Out, "wrote %s\nReplace each TODO in %s, then run: policyc check %s\n",
		strings.Join(written, " and "), policyFile, opts.Dir)
	return err
}

// promptInit asks for the folder, id, kind and languages, each with a
// default taken by an empty answer.
func promptInit(opts *initOptions) error {
	ask := func(question, def string) (string, error) {
		fmt.Fprintf(opts.IO.Out, "%s [%s]: ", question, def)
		line, err := opts.Prompt.ReadString('\n')
		if err != nil && (err != io.EOF || line == "") {
			return "", usagef("init: no answer to %q", question)
		}
		if line = strings.TrimSpace(line); line != "" {
			return line, nil
		}
		return def, nil
	}
	var err error
	if opts.ID, err = ask("Policy id (lower-case letters, digits and hyphens)", "privacy"); err != nil {
		return err
	}
	if opts.Dir, err = ask("Folder", filepath.Join("policies", opts.ID)); err != nil {
		return err
	}
	if opts.Kind, err = ask("Kind ("+strings.Join(initKinds, ", ")+")", opts.Kind); err != nil {
		return err
	}
	langs, err := ask("Languages, the source language first", strings.Join(opts.Langs, ","))
	if err != nil {
		return err
	}
	opts.Langs = strings.Split(strings.ReplaceAll(langs, " ", ""), ",")
	return nil
}

// initPhrases are the placeholder texts of a new policy in each language
// policyc renders.
var initPhrases = map[string]map[string]string{
	"cookie-title":  {"en": "Cookie policy", "nl": "Cookiebeleid", "fr": "Politique relative aux cookies"},
	"privacy-title": {"en": "Privacy policy", "nl": "Privacybeleid", "fr": "Politique de confidentialité"},
	"both-title": {"en": "Privacy and cookie policy", "nl": "Privacy- en cookiebeleid",
		"fr": "Politique de confidentialité et relative aux cookies"},
	"intro-title": {"en": "About this policy", "nl": "Over dit beleid", "fr": "À propos de cette politique"},
	"intro-body": {"en": "TODO: say who you are and what this policy covers.",
		"nl": "TODO: zeg wie u bent en waarop dit beleid betrekking heeft.",
		"fr": "TODO : dites qui vous êtes et ce que couvre cette politique."},
	"essential-name": {"en": "Strictly necessary cookies", "nl": "Strikt noodzakelijke cookies", "fr": "Cookies strictement nécessaires"},
	"essential-description": {"en": "These cookies are needed for the site to work; they cannot be refused.",
		"nl": "Deze cookies zijn nodig om de site te laten werken; ze kunnen niet worden geweigerd.",
		"fr": "Ces cookies sont nécessaires au fonctionnement du site ; ils ne peuvent pas être refusés."},
	"session-purpose": {"en": "TODO: what the cookie is for.", "nl": "TODO: waarvoor de cookie dient.",
		"fr": "TODO : à quoi sert le cookie."},
	"cookies-title": {"en": "Cookies we use", "nl": "Cookies die wij gebruiken", "fr": "Les cookies que nous utilisons"},
	"group-title":   {"en": "Our services", "nl": "Onze diensten", "fr": "Nos services"},
	"activity-purpose": {"en": "TODO: why the data is processed.", "nl": "TODO: waarom de gegevens worden verwerkt.",
		"fr": "TODO : pourquoi les données sont traitées."},
	"activity-requirement": {"en": "TODO: whether the data must be provided, and what follows if it is not.",
		"nl": "TODO: of de gegevens verstrekt moeten worden, en wat er gebeurt als dat niet gebeurt.",
		"fr": "TODO : si les données doivent être fournies, et ce qui se passe si elles ne le sont pas."},
	"hosting":   {"en": "Our hosting provider", "nl": "Onze hostingprovider", "fr": "Notre hébergeur"},
	"customers": {"en": "Customers", "nl": "Klanten", "fr": "Clients"},
	"contact":   {"en": "Contact details", "nl": "Contactgegevens", "fr": "Coordonnées"},
	"processing-title": {"en": "How we use your data", "nl": "Hoe wij uw gegevens gebruiken",
		"fr": "Comment nous utilisons vos données"},
	"rights-title":  {"en": "Your rights", "nl": "Uw rechten", "fr": "Vos droits"},
	"contact-title": {"en": "Contact", "nl": "Contact", "fr": "Contact"},
}

const initTemplate = `# yaml-language-server: $schema={{.Schema}}
# A new {{.KindName}} written by "policyc init": replace each TODO, then run
# "policyc check". The texts of the other languages are placeholder
# translations, confirmed in translations.lock: once the source text changes,
# check reports them stale until they are translated and confirmed again.
id: {{.ID}}
kind: {{.Kind}}
title:{{text 1 .TitleKey}}
languages: [{{join .Langs ", "}}]
version: "0.1"
effective: {{.Effective}}

controllers:
  - id: {{.ID}}
    name: TODO legal name
    address: {street: TODO, postcode: TODO, city: TODO, country: NL} # TODO: the country code
    email: privacy@example.com # TODO
{{- if .Cookies}}

vendors:
  # The companies that set trackers, the controller itself included.
  - {id: {{.ID}}, name: TODO legal name, country: NL}

tracker-categories:
  - id: essential
    name:{{text 3 "essential-name"}}
    description:{{text 3 "essential-description"}}
    consent-required: false

trackers:
  - id: session
    names: [TODO-session-cookie]
    provider: {{.ID}}
    category: essential
    purpose:{{text 3 "session-purpose"}}
    lifetime: session
    technology: http-cookie
    party: first
{{- end}}
{{- if .Privacy}}

data-subjects:
  - id: customers
    name:{{text 3 "customers"}}

data-categories:
  - id: contact
    name:{{text 3 "contact"}}

recipients:
  - id: hosting # TODO: name the recipients, where possible by company
    name:{{text 3 "hosting"}}

processing-groups:
  - id: services
    title:{{text 3 "group-title"}}

processing:
  - id: orders # TODO: one entry per purpose
    group: services
    purpose:{{text 3 "activity-purpose"}}
    legal-bases: [contract]
    data-subjects: [customers]
    data-categories: [contact]
    retention: ["until contract-end + 1 year"] # TODO
    recipients: [hosting]
    requirement:{{text 3 "activity-requirement"}}

rights:
  list: [access, rectification, erasure, restriction, portability, objection, withdraw-consent, automated-decisions, complaint]
  channels:
    - email: privacy@example.com # TODO
  authorities: [{authority: ap}] # TODO: the supervisory authority
{{- end}}

sections:
  - id: about
    title:{{text 3 "intro-title"}}
    body:{{text 3 "intro-body"}}
{{- if .Cookies}}
  - id: cookies
    title:{{text 3 "cookies-title"}}
    blocks: [{trackers: essential}, vendors]
{{- end}}
{{- if .Privacy}}
  - id: processing
    title:{{text 3 "processing-title"}}
    blocks: [{processing: services}]
  - id: rights
    title:{{text 3 "rights-title"}}
    blocks: [rights]
{{- end}}
  - id: contact
    title:{{text 3 "contact-title"}}
    blocks: [controllers]
`

// initPolicy writes the policy of opts from the template.
func initPolicy(opts *initOptions) ([]byte, error) {
	funcs := template.FuncMap{
		"join": strings.Join,
		// text writes a localized text as an indented block, one line per
		// language.
		"text": func(indent int, key string) (string, error) {
			var b strings.Builder
			for _, l := range opts.Langs {
				phrase, ok := initPhrases[key][l]
				if !ok {
					return "", fmt.Errorf("no %s phrase %q", l, key)
				}
				v, err := yaml.Marshal(phrase)
				if err != nil {
					return "", err
				}
				fmt.Fprintf(&b, "\n%s%s: %s", strings.Repeat("  ", indent), l, strings.TrimSuffix(string(v), "\n"))
			}
			return b.String(), nil
		},
	}
	t := template.Must(template.New("policy").Funcs(funcs).Parse(initTemplate))
	titleKey := map[string]string{"cookie-policy": "cookie-title", "privacy-policy": "privacy-title", "privacy-and-cookie-policy": "both-title"}[opts.Kind]
	var b strings.Builder
	err := t.Execute(&b, map[string]any{
		"Schema": opts.Schema, "ID": opts.ID, "Kind": opts.Kind, "KindName": strings.ReplaceAll(opts.Kind, "-", " "), "TitleKey": titleKey, "Langs": opts.Langs, "Effective": opts.Effective,
		"Cookies": opts.Kind != "privacy-policy", "Privacy": opts.Kind != "cookie-policy",
	})
	return []byte(b.String()), err
}
