package api

import (
	"context"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// TestMain migrates one template database per PostgreSQL server that
// every test's database is copied from (see testdb.Main): the api tests
// open a fresh store each, and copying is several times faster than
// migrating. On SQLite each test still migrates its own file.
func TestMain(m *testing.M) {
	testdb.Main(m, func(url string) error {
		s, err := models.Open(context.Background(), models.Options{Database: url, Locales: locale.MustParse("tg,fa")})
		if err != nil {
			return err
		}
		return s.Close()
	})
}
