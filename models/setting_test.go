package models

import (
	"bytes"
	"context"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
)

func TestPreviewSecretIsStableAcrossOpens(t *testing.T) {
	ctx := context.Background()
	opts := Options{Database: testdb.URL(t), Locales: locale.MustParse("tg,fa")}
	s, err := Open(ctx, opts)
	must(t, err)
	first, err := s.PreviewSecret(ctx)
	must(t, err)
	again, err := s.PreviewSecret(ctx)
	must(t, err)
	must(t, s.Close())
	s, err = Open(ctx, opts)
	must(t, err)
	defer s.Close()
	reopened, err := s.PreviewSecret(ctx)
	must(t, err)
	if len(first) != 32 || !bytes.Equal(first, again) || !bytes.Equal(first, reopened) {
		t.Fatalf("secrets %x, %x, %x: want one 32-byte secret", first, again, reopened)
	}
	other, err := newTestStoreSecret(t)
	must(t, err)
	if bytes.Equal(first, other) {
		t.Fatal("two databases share a secret")
	}
}

func newTestStoreSecret(t *testing.T) ([]byte, error) {
	s, _ := newTestStore(t)
	return s.PreviewSecret(context.Background())
}
