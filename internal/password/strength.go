package password

import (
	"errors"
	"math"
	"strings"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/match"
)

// MinScore is the lowest zxcvbn score (0–4) a new password may have: 3
// means about 10⁸ guesses or more, beyond an online attack.
const MinScore = 3

// strengthRunes bounds the work of a check: zxcvbn's matching grows fast
// with length (1,024 characters take seconds), and a password whose first
// 100 characters are strong stays strong whatever follows.
const strengthRunes = 100

// productNames are always among the words a password must not be built on:
// every Payvand site has them.
var productNames = []string{"payvand", "пайванд", "پیوند"}

// ErrWeak is what every StrengthError is; errors.Is(err, ErrWeak) tells a
// refused password from other errors.
var ErrWeak = errors.New("the password is too easy to guess")

// StrengthError refuses a password and says why: Reason in English for logs
// and the command line, MessageID for the admin's catalogue.
type StrengthError struct {
	Reason    string
	MessageID string
}

func (e *StrengthError) Error() string { return ErrWeak.Error() + ": " + e.Reason }

// Is makes errors.Is(err, ErrWeak) true.
func (e *StrengthError) Is(target error) bool { return target == ErrWeak }

var (
	weakPersonal = &StrengthError{"it is built on the email, the name or the site's name; add words of your own", "password.weak_personal"}
	weakPattern  = &StrengthError{"it is a repeat, a sequence or a keyboard pattern; use a few unrelated words", "password.weak_pattern"}
	weakCommon   = &StrengthError{"it is a common password or word; use a few unrelated words", "password.weak_common"}
	weakGuess    = &StrengthError{"it is too easy to guess; use a longer phrase of a few unrelated words", "password.weak"}
)

// CheckStrength refuses a password whose zxcvbn score is below MinScore,
// with the words it must not be built on (see UserInputs), or one that is
// outside the length rules. It returns nil, ErrTooShort, ErrTooLong or a
// *StrengthError.
func CheckStrength(plain string, inputs ...string) error {
	if err := Validate(plain); err != nil {
		return err
	}
	plain = firstRunes(plain, strengthRunes)
	inputs = lowerAll(append(inputs, productNames...))
	if score, seq := score(plain, inputs); score < MinScore {
		return reasonFor(seq)
	}
	// zxcvbn's matchers compare bytes, so they miss what is built on a
	// Tajik or Persian name, or repeats Cyrillic or Arabic letters: these
	// checks see characters.
	if rest, found := withoutInputs(plain, inputs); found {
		if s, _ := score(rest, inputs); s < MinScore {
			return weakPersonal
		}
	}
	if chunk, ok := repeatedChunk(plain); ok {
		if s, _ := score(chunk, inputs); s < MinScore {
			return weakPattern
		}
	}
	if isRunSequence(plain) {
		return weakPattern
	}
	return nil
}

// score is zxcvbn's score and match sequence. zxcvbn v1.0.1 loses its
// running product when it joins two guessed stretches of multi-byte text
// and reports 0 guesses ("ҷумҳурии қадимӣ"); the guesses are then worked
// out again from its sequence, by zxcvbn's own formula.
func score(plain string, inputs []string) (int, []*match.Match) {
	if plain == "" {
		return 0, nil
	}
	r := zxcvbn.PasswordStrength(plain, inputs)
	if r.Guesses >= 1 {
		return r.Score, r.Sequence
	}
	product, n := 1.0, len(r.Sequence)
	for i, m := range r.Sequence {
		product *= max(m.Guesses, 1) * float64(i+1)
	}
	return scoreOf(product + math.Pow(10_000, float64(n-1))), r.Sequence
}

// scoreOf is zxcvbn's mapping of guesses to a score.
func scoreOf(guesses float64) int {
	const delta = 5
	for score, limit := range []float64{1e3, 1e6, 1e8, 1e10} {
		if guesses < limit+delta {
			return score
		}
	}
	return 4
}

// reasonFor names what made zxcvbn's best guess sequence cheap.
func reasonFor(seq []*match.Match) *StrengthError {
	reason := weakGuess
	for _, m := range seq {
		switch {
		case m.Pattern == "dictionary" && m.DictionaryName == "user_inputs":
			return weakPersonal
		case m.Pattern == "repeat" || m.Pattern == "sequence" || m.Pattern == "spatial" || m.Pattern == "date" || m.Pattern == "regex":
			reason = weakPattern
		case m.Pattern == "dictionary" && reason == weakGuess:
			reason = weakCommon
		}
	}
	return reason
}

func lowerAll(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			out = append(out, w)
		}
	}
	return out
}
