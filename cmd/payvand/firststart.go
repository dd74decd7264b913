package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"

	"github.com/payvand/payvand/internal/config"
	"github.com/payvand/payvand/internal/demo"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// firstStart creates the first admin when there is no account, and seeds
// the demo site when the site is empty, unless --no-demo. On any later start
// it changes nothing.
func firstStart(ctx context.Context, cfg config.Config, store *models.Store, mediaStore media.Store, log *slog.Logger, out io.Writer) error {
	users, err := store.CountUsers(ctx)
	if err != nil {
		return err
	}
	var adminID *uint
	if users == 0 {
		admin, err := createFirstAdmin(ctx, cfg, store, out)
		if err != nil {
			return err
		}
		adminID = &admin.ID
	}
	empty, err := store.IsEmpty(ctx)
	if err != nil || !empty || cfg.NoDemo {
		return err
	}
	log.Info("seeding demo content")
	// A signal during the seed waits for it to finish: a half-seeded site is
	// no longer empty, so a later start would never complete it.
	ctx = context.WithoutCancel(ctx)
	seeder := demo.Seeder{Store: store, Media: mediaStore, Processor: media.NewProcessor(media.Config{}), AuthorID: adminID}
	if err := seeder.Seed(ctx); err != nil {
		return fmt.Errorf("seed demo content: %w", err)
	}
	return nil
}

func createFirstAdmin(ctx context.Context, cfg config.Config, store *models.Store, out io.Writer) (*models.User, error) {
	password, generated := cfg.AdminPassword, false
	if password == "" {
		password, generated = rand.Text(), true
	}
	admin, err := store.CreateUser(ctx, models.UserInput{Email: cfg.AdminEmail, DisplayName: "Admin", Role: models.RoleAdmin, Password: password})
	if err != nil {
		return nil, fmt.Errorf("create the first admin: %w", err)
	}
	fmt.Fprintf(out, "Created the first admin account.\n  Email:    %s\n", admin.Email)
	if generated {
		fmt.Fprintf(out, "  Password: %s\n  (shown only this once; set %s to choose it)\n", password, config.AdminPasswordEnv)
	} else {
		fmt.Fprintf(out, "  Password: as set in %s\n", config.AdminPasswordEnv)
	}
	return admin, nil
}
