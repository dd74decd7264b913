package config

import "flag"

// ParseInterleaved parses args into fs with flags allowed before, between
// and after the positional arguments, which it returns in their order. The
// flag package stops at the first argument that is not a flag, so
// `payvand backup site.tar.gz --data DIR` would leave --data unparsed; this
// parses again after each positional argument. Everything after "--" is
// positional, as with the flag package.
func ParseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
