package api

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// sealCursor makes an opaque cursor: a prefix that versions the format and
// names its kind ("v1.", "m1.", "s1." …), then the numbers of a position,
// dot-separated, base64url-encoded so clients treat it as a token.
func sealCursor(prefix string, fields ...int64) *string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = strconv.FormatInt(f, 10)
	}
	s := base64.RawURLEncoding.EncodeToString([]byte(prefix + strings.Join(parts, ".")))
	return &s
}

// openCursor returns the n number fields of a cursor sealed with prefix,
// unparsed; ok is false for anything else, a cursor of another kind
// included. Anything longer than such a cursor can be is refused before
// decoding.
func openCursor(s, prefix string, n int) (fields []string, ok bool) {
	const maxDigits = 20 // "-9223372036854775808"
	if len(s) > base64.RawURLEncoding.EncodedLen(len(prefix)+n*(maxDigits+1)) {
		return nil, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || !strings.HasPrefix(string(raw), prefix) {
		return nil, false
	}
	fields = strings.Split(strings.TrimPrefix(string(raw), prefix), ".")
	return fields, len(fields) == n
}
