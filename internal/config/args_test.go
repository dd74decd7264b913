package config

import (
	"flag"
	"io"
	"slices"
	"testing"
)

func TestParseInterleaved(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		positional []string
		data       string
		force      bool
	}{
		{"flags first", []string{"--data", "D", "--force", "a", "b"}, []string{"a", "b"}, "D", true},
		{"flags last", []string{"a", "b", "--data", "D", "--force"}, []string{"a", "b"}, "D", true},
		{"flags between", []string{"a", "-data=D", "b", "-force"}, []string{"a", "b"}, "D", true},
		{"after -- all positional", []string{"a", "--", "--data", "D"}, []string{"a", "--data", "D"}, "", false},
		{"none", nil, nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			data := fs.String("data", "", "")
			force := fs.Bool("force", false, "")
			got, err := ParseInterleaved(fs, tt.args)
			if err != nil || !slices.Equal(got, tt.positional) || *data != tt.data || *force != tt.force {
				t.Fatalf("positional %q data %q force %v err %v; want %q %q %v", got, *data, *force, err, tt.positional, tt.data, tt.force)
			}
		})
	}
}

func TestLoadTakesFlagsAfterAnArgumentButRefusesIt(t *testing.T) {
	_, err := Load([]string{"extra", "--data", "D"}, env(nil), io.Discard)
	if err == nil || err.Error() != `unexpected argument "extra"` {
		t.Fatalf("err = %v", err)
	}
}
