package agenda

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	committeeWord = regexp.MustCompile(`(?i)\b(?:panel|committee|sub-committee|cabinet|board|forum|commission|partnership|scrutiny|council|executive|assembly|authority|working group|task group)$`)
	welshWords    = regexp.MustCompile(`(?i)\b(?:heddlu|throseddu|pwyllgor|cyngor|dydd|cyfarfod|gwasanaethau|siambr|neuadd|lleoliad|swyddog|rhaglen|cofnodion|ffôn|e-bost|atodol|pecyn|gweithredwr|caerfyrddin|sir)\b`)
	smallWords    = map[string]bool{"and": true, "of": true, "the": true, "for": true, "on": true, "in": true, "a": true, "an": true, "to": true, "with": true, "at": true, "by": true}
)

// looksWelsh reports whether a line is the Welsh twin of a bilingual heading.
func looksWelsh(s string) bool { return welshWords.MatchString(s) }

// isCommitteeLine reports whether a line looks like a committee's name:
// short, ending in Panel, Committee, Cabinet…, not the host council's name.
func isCommitteeLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(strings.Fields(s)) > 9 || looksWelsh(s) || strings.ContainsAny(s, ":@") {
		return false
	}
	if !committeeWord.MatchString(s) {
		return false
	}
	return !hostCouncil(s)
}

// hostCouncil tells "Kent County Council" (the host) from "County Council"
// (the full council as a committee).
func hostCouncil(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || !strings.EqualFold(f[len(f)-1], "council") {
		return false
	}
	switch strings.ToLower(f[0]) {
	case "county", "full", "the", "borough", "city", "district", "town", "community":
		return false
	}
	return true
}

// committeeName tidies a committee name: "the" dropped, capitals of a
// heading set in upper case brought to title case.
func committeeName(s string) string {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ".,:;–-"))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The ")
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && smallWords[w] {
			continue
		}
		parts := strings.Split(w, "-")
		for k, p := range parts {
			parts[k] = upperFirst(p)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
