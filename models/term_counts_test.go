package models

import (
	"maps"
	"slices"
	"testing"
	"time"
)

func TestTermCounts(t *testing.T) {
	c := newTermCounts()
	c.maxSize = 3
	now := testNow
	known, missing := c.get([]string{"китоб", "کتاب"}, now)
	if len(known) != 0 || !slices.Equal(missing, []string{"китоб", "کتاب"}) {
		t.Fatalf("empty cache: known %v, missing %v", known, missing)
	}
	c.put([]string{"китоб", "کتاب"}, map[string]int64{"китоб": 7}, now)
	known, missing = c.get([]string{"китоб", "کتاب", "нав"}, now.Add(time.Minute))
	if !maps.Equal(known, map[string]int64{"китоб": 7, "کتاب": 0}) || !slices.Equal(missing, []string{"нав"}) {
		t.Fatalf("after put: known %v, missing %v (a word held by none is remembered as 0)", known, missing)
	}
	if _, missing = c.get([]string{"китоб"}, now.Add(c.ttl)); len(missing) != 1 {
		t.Errorf("a count as old as the TTL is still served")
	}
	c.put([]string{"нав", "тоза"}, map[string]int64{"нав": 1, "тоза": 2}, now)
	if known, _ = c.get([]string{"китоб", "нав"}, now); !maps.Equal(known, map[string]int64{"нав": 1}) {
		t.Errorf("a full cache should start over: known %v", known)
	}
}
