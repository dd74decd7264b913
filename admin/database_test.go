package admin

import (
	"database/sql"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for a PostgreSQL test database
	_ "github.com/mattn/go-sqlite3"    // the "sqlite3" driver, for a SQLite test database

	"github.com/payvand/payvand/models"
)

// rawDB opens the test's database beside the store, as another program
// would, for tests that watch or sabotage it from outside. It also says
// which engine it is, since such tests speak each engine's own SQL.
func (env *testEnv) rawDB(t *testing.T, readOnly bool) (*sql.DB, models.Engine) {
	t.Helper()
	engine, target, err := models.ParseDatabaseURL(env.database, "")
	if err != nil {
		t.Fatal(err)
	}
	driver, dsn := "pgx", target
	if engine == models.SQLite {
		driver, dsn = "sqlite3", target
		if readOnly {
			dsn = "file:" + target + "?mode=ro"
		}
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, engine
}
