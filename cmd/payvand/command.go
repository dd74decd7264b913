package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/payvand/payvand/internal/config"
	"github.com/payvand/payvand/models"
)

// commandSpec describes one command's command line.
type commandSpec struct {
	// name is how messages call the command, e.g. "payvand backup".
	name string
	// usage prints the command's help.
	usage func(w io.Writer)
	// flags adds the command's own flags beside the global settings; nil
	// when it has none.
	flags func(fs *flag.FlagSet)
}

// commandLine is a parsed command line.
type commandLine struct {
	cfg  config.Config
	args []string
}

// parseCommand is the one way every command reads its command line: the
// global settings and the command's own flags, before, between or after
// its other arguments, over the environment. When done is true the command
// ends with code: 0 after --help, 2 for a bad command line, already
// explained on stderr.
func parseCommand(spec commandSpec, args []string, getenv func(string) string, stdout, stderr io.Writer) (cl commandLine, code int, done bool) {
	fs := flag.NewFlagSet(spec.name, flag.ContinueOnError)
	// Errors are printed once, below, instead of with the whole usage.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	load := config.Register(fs, getenv)
	if spec.flags != nil {
		spec.flags(fs)
	}
	rest, err := config.ParseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		spec.usage(stdout)
		return cl, 0, true
	}
	if err == nil {
		cl.args = rest
		cl.cfg, err = load()
	}
	if err != nil {
		fmt.Fprintf(stderr, "payvand: %v\nsee %s --help\n", err, spec.name)
		return cl, 2, true
	}
	return cl, 0, false
}

// wantArguments ends a command given other than the n arguments it takes,
// which what describes for the message ("one FILE.tar.gz or FOLDER").
func wantArguments(spec commandSpec, cl commandLine, n int, what string, stderr io.Writer) (code int, done bool) {
	switch {
	case len(cl.args) > n:
		fmt.Fprintf(stderr, "payvand: unexpected argument %q\nsee %s --help\n", cl.args[n], spec.name)
	case len(cl.args) < n:
		fmt.Fprintf(stderr, "payvand: %s needs %s\nsee %s --help\n", spec.name, what, spec.name)
	default:
		return 0, false
	}
	return 2, true
}

// reportSaveError prints why a save was refused: one line per field for
// the write path's validation errors, else the error itself.
func reportSaveError(stderr io.Writer, err error) {
	var verr *models.ValidationError
	if !errors.As(err, &verr) {
		fmt.Fprintln(stderr, "payvand:", err)
		return
	}
	for _, field := range slices.Sorted(maps.Keys(verr.Fields)) {
		fmt.Fprintf(stderr, "payvand: %s: %s\n", field, verr.Fields[field].English())
	}
}
