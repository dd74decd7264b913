package wxr

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseTranslations reads the PHP-serialised array Polylang stores in a
// post_translations or term_translations term's description, e.g.
// a:2:{s:2:"fa";i:12;s:2:"tg";i:13;}: language slug → post (or term) id.
// Entries whose value is not an id (Polylang's "sync" list) are left out.
func ParseTranslations(s string) (map[string]int, error) {
	p := phpParser{s: strings.TrimSpace(s)}
	n, err := p.header()
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, n)
	for i := 0; i < n; i++ {
		key, err := p.scalar()
		if err != nil {
			return nil, err
		}
		if p.peek() == 'a' {
			// A nested array (Polylang keeps "sync" there): skipped whole.
			if err := p.skipArray(1); err != nil {
				return nil, err
			}
			continue
		}
		val, err := p.scalar()
		if err != nil {
			return nil, err
		}
		if id, err := strconv.Atoi(val); err == nil {
			out[key] = id
		}
	}
	if err := p.expect("}"); err != nil {
		return nil, err
	}
	return out, nil
}

type phpParser struct {
	s   string
	pos int
}

func (p *phpParser) fail(what string) error {
	return fmt.Errorf("PHP serialised array: %s at byte %d of %q", what, p.pos, p.s)
}

func (p *phpParser) peek() byte {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

func (p *phpParser) expect(lit string) error {
	if !strings.HasPrefix(p.s[p.pos:], lit) {
		return p.fail("expected " + strconv.Quote(lit))
	}
	p.pos += len(lit)
	return nil
}

// number reads digits (with an optional sign) up to the terminator.
func (p *phpParser) number(end byte) (string, error) {
	i := strings.IndexByte(p.s[p.pos:], end)
	if i <= 0 {
		return "", p.fail("expected a number")
	}
	v := p.s[p.pos : p.pos+i]
	if _, err := strconv.Atoi(v); err != nil {
		return "", p.fail("expected a number")
	}
	p.pos += i + 1
	return v, nil
}

// header reads a:N:{ and returns N.
func (p *phpParser) header() (int, error) {
	if err := p.expect("a:"); err != nil {
		return 0, err
	}
	v, err := p.number(':')
	if err != nil {
		return 0, err
	}
	if err := p.expect("{"); err != nil {
		return 0, err
	}
	n, _ := strconv.Atoi(v)
	if n < 0 {
		return 0, p.fail("negative length")
	}
	// Every entry takes several bytes, so a count beyond the data is
	// corrupt; refusing it keeps make() from sizing a map by it.
	if n > len(p.s)-p.pos {
		return 0, p.fail("more entries than the data")
	}
	return n, nil
}

// scalar reads s:L:"…"; or i:N; and returns its text. A string's length
// is in bytes, as PHP counts it.
func (p *phpParser) scalar() (string, error) {
	switch p.peek() {
	case 'i':
		p.pos++
		if err := p.expect(":"); err != nil {
			return "", err
		}
		return p.number(';')
	case 's':
		p.pos++
		if err := p.expect(":"); err != nil {
			return "", err
		}
		v, err := p.number(':')
		if err != nil {
			return "", err
		}
		n, _ := strconv.Atoi(v)
		if err := p.expect(`"`); err != nil {
			return "", err
		}
		// Compared as a remainder: p.pos+n overflows for a length
		// near the largest int, and the slice below would panic.
		if n < 0 || n > len(p.s)-p.pos {
			return "", p.fail("string longer than the data")
		}
		str := p.s[p.pos : p.pos+n]
		p.pos += n
		if err := p.expect(`";`); err != nil {
			return "", err
		}
		return str, nil
	case 'b':
		p.pos++
		if err := p.expect(":"); err != nil {
			return "", err
		}
		return p.number(';')
	}
	return "", p.fail("expected a string or an integer")
}

// maxNesting bounds how deep skipArray goes: Polylang nests one array,
// and arrays nested without end (a crafted export of a:1:{i:0;a:1:{…)
// would otherwise grow the stack until the runtime ends the process, a
// crash no recover stops.
const maxNesting = 16

// skipArray reads past an array nested depth deep.
func (p *phpParser) skipArray(depth int) error {
	if depth > maxNesting {
		return p.fail("arrays nested too deep")
	}
	n, err := p.header()
	if err != nil {
		return err
	}
	for i := 0; i < 2*n; i++ {
		if p.peek() == 'a' {
			if err := p.skipArray(depth + 1); err != nil {
				return err
			}
			continue
		}
		if _, err := p.scalar(); err != nil {
			return err
		}
	}
	return p.expect("}")
}
