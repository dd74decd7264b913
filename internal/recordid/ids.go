// Package recordid reads the record ids that arrive as text: in paths, form
// fields, query strings and cursors. There is one parser for the whole
// project, so the admin and the API agree on which strings name a record:
// "01" and "+1" name nothing anywhere, instead of article 1 in one place and
// no article in the other.
package recordid

import "strconv"

// Max is the largest id accepted: 2^53−1, the largest integer a JavaScript
// frontend holds exactly, far beyond any id the database will hand out.
const Max = 1<<53 - 1

// maxDigits is the length of Max written in decimal.
const maxDigits = 16

// Parse reads a canonical decimal id: digits only, no sign, no leading zero,
// no surrounding space, from 1 to Max. Anything else is not an id.
func Parse(raw string) (uint, bool) {
	if raw == "" || len(raw) > maxDigits || raw[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] < '0' || raw[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(raw, 10, 64)
	if err != nil || n > Max {
		return 0, false
	}
	return uint(n), true
}

// ParseOptional reads an optional id field: "" is no id (ok, 0); anything
// else must be a canonical id.
func ParseOptional(raw string) (id uint, ok bool) {
	if raw == "" {
		return 0, true
	}
	return Parse(raw)
}
