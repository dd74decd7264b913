package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestPicturesProgress(t *testing.T) {
	for _, c := range []struct {
		name    string
		calls   [][2]int
		want    []string
		notWant string
	}{
		{"resumed", [][2]int{{2, 5}, {3, 5}, {4, 5}, {5, 5}}, []string{"2 of 5 pictures already imported, resuming\n", "pictures: 3/3 pictures (100%)"}, ""},
		{"from the start", [][2]int{{0, 2}, {1, 2}, {2, 2}}, []string{"pictures: 2/2 pictures (100%)"}, "resuming"},
		{"all done before", [][2]int{{4, 4}}, nil, "pictures"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			begun := 0
			progress := picturesProgress(&out, func() { begun++ })
			for _, call := range c.calls {
				progress(call[0], call[1])
			}
			if begun != 1 {
				t.Errorf("begin ran %d times", begun)
			}
			for _, w := range c.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if c.notWant != "" && strings.Contains(out.String(), c.notWant) {
				t.Errorf("output has %q:\n%s", c.notWant, out.String())
			}
		})
	}
}
