// Package password hashes and verifies account passwords with argon2id.
//
// bcrypt was ruled out because it silently ignores everything after 72
// bytes, which is only 36 Persian letters: a long Persian pass-phrase would
// be cut without the user knowing.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinLength is the shortest password accepted, counted in characters.
const MinLength = 8

// MaxLength bounds the work one login can cause; it is far above any
// pass-phrase a person types.
const MaxLength = 1024

// Parameters follow the OWASP recommendation for argon2id (19 MiB, t=2, p=1).
const (
	memoryKiB = 19 * 1024
	time      = 2
	threads   = 1
	keyLen    = 32
	saltLen   = 16
)

// ErrTooShort and ErrTooLong describe passwords outside the accepted length.
var (
	ErrTooShort = fmt.Errorf("a password needs at least %d characters", MinLength)
	ErrTooLong  = fmt.Errorf("a password may have at most %d characters", MaxLength)
	errFormat   = errors.New("password hash is not in argon2id format")
)

// Validate checks the length rules, counting characters rather than bytes so
// a Persian password is measured as its owner sees it.
func Validate(plain string) error {
	n := utf8.RuneCountInString(plain)
	switch {
	case n < MinLength:
		return ErrTooShort
	case n > MaxLength:
		return ErrTooLong
	}
	return nil
}

// Hash returns the password's argon2id hash in the PHC string format.
func Hash(plain string) (string, error) {
	if err := Validate(plain); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("read salt: %w", err)
	}
	key := argon2.IDKey([]byte(plain), salt, time, memoryKiB, threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, memoryKiB, time, threads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify reports whether plain matches the stored hash. It takes the same
// time whether or not the password is right.
func Verify(hash, plain string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errFormat
	}
	var version int
	var mem uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errFormat
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &t, &p); err != nil {
		return false, errFormat
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false, errFormat
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil {
		return false, errFormat
	}
	if utf8.RuneCountInString(plain) > MaxLength {
		return false, nil
	}
	got := argon2.IDKey([]byte(plain), salt, t, mem, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
