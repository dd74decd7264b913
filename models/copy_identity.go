package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// ErrSameDatabase means a copy's source and target are one database. The
// URLs can differ and still name one (localhost and 127.0.0.1, a symlinked
// SQLite file), and a copy onto itself would wait forever: emptying the
// target waits for the source's own read transaction to end.
var ErrSameDatabase = errors.New("the source and the target are the same database")

// databaseIdentity names the database a connection reaches, whatever URL
// reached it: on PostgreSQL the cluster's system identifier and the
// database's name; on SQLite the main database file, compared with
// os.SameFile by sameDatabaseFile.
func databaseIdentity(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, engine Engine) (string, error) {
	var id string
	var err error
	if engine == Postgres {
		err = q.QueryRowContext(ctx, "SELECT system_identifier::text || '/' || current_database() FROM pg_control_system()").Scan(&id)
	} else {
		var seq int
		var name string
		err = q.QueryRowContext(ctx, "SELECT seq, name, file FROM pragma_database_list WHERE name = 'main'").Scan(&seq, &name, &id)
	}
	if err != nil {
		return "", fmt.Errorf("identify the database: %w", err)
	}
	return id, nil
}

// sameDatabase says whether the copy source and the store's database are
// one database.
func (s *Store) sameDatabase(ctx context.Context, src *CopySource) (bool, error) {
	if s.engine != src.engine {
		return false, nil
	}
	target, err := s.write.DB()
	if err != nil {
		return false, err
	}
	a, err := databaseIdentity(ctx, src.db, src.engine)
	if err != nil {
		return false, err
	}
	b, err := databaseIdentity(ctx, target, s.engine)
	if err != nil {
		return false, err
	}
	if s.engine == Postgres {
		return a == b, nil
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb), nil
}
