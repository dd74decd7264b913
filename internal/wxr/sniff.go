package wxr

import "bytes"

// HeadSize is how much of a file CheckHead needs: WordPress writes the
// channel's site fields, wxr_version among them, in the export's first
// lines.
const HeadSize = 64 << 10

// CheckHead tells from a file's first bytes (up to HeadSize) whether it is
// a WordPress export, so an upload can be refused before the rest of a
// large file arrives: ErrNotWXR unless the channel names a wxr_version
// before its first record. An RSS feed, other XML and files that are no
// XML at all are refused; a mistake further on is found, with its line,
// by the import's first pass.
func CheckHead(head []byte) error {
	if len(head) > HeadSize {
		head = head[:HeadSize]
	}
	r := NewReader(bytes.NewReader(head))
	// Next stops at the first record, or at the end of the head, where an
	// element cut short is a syntax error; either way the site fields read
	// before it are kept.
	_, _ = r.Next()
	if r.Site().WXRVersion == "" {
		return ErrNotWXR
	}
	return nil
}
