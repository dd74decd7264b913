package siteurl

import (
	"fmt"
	"slices"
	"strings"
)

// patternRule says which placeholders a pattern may use and which it needs
// (any one of them), so a typo such as {slgu} stops the start instead of
// producing broken links.
type patternRule struct {
	flag     string
	allowed  []string
	required []string
}

var rules = []patternRule{
	{"article-path", []string{"locale", "slug", "id"}, []string{"slug", "id"}},
	{"section-path", []string{"locale", "section"}, []string{"section"}},
	{"tag-path", []string{"locale", "tag"}, []string{"tag"}},
	{"preview-path", []string{"locale", "slug", "id", "token"}, []string{"token"}},
}

// CheckPatterns checks every pattern; errors name the flag. An empty
// preview pattern is allowed (no preview page); the others are required.
func CheckPatterns(p Patterns) error {
	for i, pattern := range []string{p.Article, p.Section, p.Tag, p.Preview} {
		r := rules[i]
		if pattern == "" && r.flag == "preview-path" {
			continue
		}
		if err := checkPattern(pattern, r); err != nil {
			return fmt.Errorf("--%s: %q %w", r.flag, pattern, err)
		}
	}
	return nil
}

func checkPattern(pattern string, r patternRule) error {
	if !strings.HasPrefix(pattern, "/") {
		return fmt.Errorf("must start with /")
	}
	if strings.ContainsAny(pattern, "# \t\n") {
		return fmt.Errorf("must not contain spaces or #")
	}
	names, err := placeholders(pattern)
	if err != nil {
		return err
	}
	for _, n := range names {
		if !slices.Contains(r.allowed, n) {
			return fmt.Errorf("uses {%s}; it may use only {%s}", n, strings.Join(r.allowed, "}, {"))
		}
	}
	if !slices.ContainsFunc(r.required, func(n string) bool { return slices.Contains(names, n) }) {
		return fmt.Errorf("must contain {%s}", strings.Join(r.required, "} or {"))
	}
	return nil
}

// placeholders lists the {name}s of a pattern, refusing unbalanced braces.
func placeholders(pattern string) ([]string, error) {
	var names []string
	for s := pattern; ; {
		open, closeAt := strings.IndexByte(s, '{'), strings.IndexByte(s, '}')
		if open < 0 && closeAt < 0 {
			return names, nil
		}
		if open < 0 || closeAt < open {
			return nil, fmt.Errorf("has a } without its {")
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			return nil, fmt.Errorf("has a { without its }")
		}
		name := s[open+1 : open+end]
		if strings.ContainsRune(name, '{') {
			return nil, fmt.Errorf("has a { without its }")
		}
		names = append(names, name)
		s = s[open+end+1:]
	}
}
