package naming

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// DefaultPluralExceptions are the kinds whose plural cannot be derived from English rules. Users add
// more with --plural-exceptions; theirs take precedence.
var DefaultPluralExceptions = map[string]string{
	"Endpoints": "Endpoints",
}

// irregularWords maps the last word of a CamelCase kind to its plural, for words English does not
// pluralise by suffix rules. Matching is on whole words, so "Person" and "SalesPerson" both become
// "...People" but "Personal" is untouched.
var irregularWords = map[string]string{
	"Child":     "Children",
	"Person":    "People",
	"Man":       "Men",
	"Woman":     "Women",
	"Mouse":     "Mice",
	"Goose":     "Geese",
	"Foot":      "Feet",
	"Tooth":     "Teeth",
	"Criterion": "Criteria",
	"Analysis":  "Analyses",
	"Basis":     "Bases",
	"Axis":      "Axes",
	"Crisis":    "Crises",
	"Quiz":      "Quizzes",
	"Roof":      "Roofs",
	"Chief":     "Chiefs",
	"Proof":     "Proofs",
	"Belief":    "Beliefs",
	"Chef":      "Chefs",
	"Series":    "Series",
	"Species":   "Species",
	"News":      "News",
	"Data":      "Data",
	"Metadata":  "Metadata",
	"Endpoints": "Endpoints",
}

// Pluralizer derives plural kind names. The zero value knows only English rules and the irregular
// words; build one with NewPluralizer to add exceptions.
type Pluralizer struct {
	exceptions map[string]string
}

// NewPluralizer returns a Pluralizer that applies DefaultPluralExceptions and then the given
// exceptions (kind → plural), the latter winning.
func NewPluralizer(exceptions map[string]string) *Pluralizer {
	p := &Pluralizer{exceptions: map[string]string{}}
	for k, v := range DefaultPluralExceptions {
		p.exceptions[k] = v
	}
	for k, v := range exceptions {
		p.exceptions[k] = v
	}
	return p
}

// Plural returns the plural of a kind name in the kind's own case: "Policy" → "Policies",
// "Endpoints" → "Endpoints", "CronTab" → "CronTabs".
func (p *Pluralizer) Plural(kind string) string {
	if p != nil {
		if plural, ok := p.exceptions[kind]; ok {
			return plural
		}
	}
	prefix, last := splitLastWord(kind)
	if plural, ok := irregularWords[last]; ok {
		return prefix + plural
	}
	return prefix + pluralOfWord(last)
}

// Resource returns the lower-case resource name of a kind, as the API server names it in URLs:
// "NetworkPolicy" → "networkpolicies".
func (p *Pluralizer) Resource(kind string) string {
	return strings.ToLower(p.Plural(kind))
}

// Exceptions returns the exceptions in effect, sorted by kind, as "Kind:Plural" pairs.
func (p *Pluralizer) Exceptions() []string {
	out := make([]string, 0, len(p.exceptions))
	for k, v := range p.exceptions {
		out = append(out, k+":"+v)
	}
	sort.Strings(out)
	return out
}

// ParsePluralExceptions parses the --plural-exceptions flag: "Kind:Plural" pairs such as
// "Endpoints:Endpoints,Fish:Fish". Empty entries are ignored; anything else malformed is an error.
func ParsePluralExceptions(pairs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range pairs {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		kind, plural, ok := strings.Cut(pair, ":")
		kind, plural = strings.TrimSpace(kind), strings.TrimSpace(plural)
		if !ok || !IsExportedIdent(kind) || !IsExportedIdent(plural) {
			return nil, fmt.Errorf("plural exception %q: want Kind:Plural, both exported Go identifiers", pair)
		}
		out[kind] = plural
	}
	return out, nil
}

// splitLastWord splits "NetworkPolicy" into "Network" and "Policy". A kind without an inner upper-case
// letter is all last word.
func splitLastWord(kind string) (string, string) {
	runes := []rune(kind)
	for i := len(runes) - 1; i > 0; i-- {
		if unicode.IsUpper(runes[i]) && unicode.IsLower(runes[i-1]) {
			return string(runes[:i]), string(runes[i:])
		}
	}
	return "", kind
}

// pluralOfWord applies English suffix rules to one word.
func pluralOfWord(w string) string {
	if len(w) < 2 {
		return w + "s"
	}
	last, before := w[len(w)-1], w[len(w)-2]
	switch {
	case last == 's' || last == 'x' || last == 'z':
		return w + "es"
	case last == 'h' && (before == 'c' || before == 's'):
		return w + "es"
	case last == 'y' && !isVowel(before):
		return w[:len(w)-1] + "ies"
	case last == 'f':
		return w[:len(w)-1] + "ves"
	case last == 'e' && before == 'f':
		return w[:len(w)-2] + "ves"
	}
	return w + "s"
}

func isVowel(c byte) bool {
	return strings.IndexByte("aeiouAEIOU", c) >= 0
}

// IsExportedIdent reports whether s is an exported Go identifier.
func IsExportedIdent(s string) bool {
	for i, r := range s {
		if i == 0 && !unicode.IsUpper(r) {
			return false
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			return false
		}
	}
	return s != ""
}
