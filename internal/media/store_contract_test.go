package media_test

import (
	"path/filepath"
	"testing"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/media/storetest"
)

// TestFSStoreContract runs the file store through the tests every Store
// passes (s3store runs the same against versitygw).
func TestFSStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) media.Store {
		s, err := media.NewFSStore(filepath.Join(t.TempDir(), "media"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
