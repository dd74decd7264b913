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
	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/models"
)

// firstStart creates the first admin when there is no account, and seeds
// the demo site when the site is empty, unless --no-demo. On any later start
// it changes nothing. Instances starting together on one empty PostgreSQL
// database take turns (models.Store.WithStartupLock): the first seeds, the
// others then find accounts and content and change nothing.
func firstStart(ctx context.Context, cfg config.Config, store *models.Store, mediaStore media.Store, log *slog.Logger, out io.Writer) error {
	return store.WithStartupLock(ctx, func(ctx context.Context) error {
		return firstStartAlone(ctx, cfg, store, mediaStore, log, out)
	})
}

// firstStartAlone is firstStart's work, run while no other instance runs it.
func firstStartAlone(ctx context.Context, cfg config.Config, store *models.Store, mediaStore media.Store, log *slog.Logger, out io.Writer) error {
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

// createFirstAdmin creates the admin account of a new site. A password
// given in PAYVAND_ADMIN_PASSWORD must pass the strength rule; a weak one
// stops the start as a configuration mistake (exit 2), before any account
// exists, so fixing it and starting again is all it takes.
func createFirstAdmin(ctx context.Context, cfg config.Config, store *models.Store, out io.Writer) (*models.User, error) {
	plain, generated := cfg.AdminPassword, false
	if plain == "" {
		plain, generated = rand.Text(), true
	} else if err := password.CheckStrength(plain, password.UserInputs(cfg.AdminEmail, firstAdminName, password.SiteNames(cfg.PublicURL)...)...); err != nil {
		return nil, configError{fmt.Errorf("%s: %w", config.AdminPasswordEnv, err)}
	}
	admin, err := store.CreateUser(ctx, models.UserInput{Email: cfg.AdminEmail, DisplayName: firstAdminName, Role: models.RoleAdmin, Password: plain})
	if err != nil {
		return nil, fmt.Errorf("create the first admin: %w", err)
	}
	fmt.Fprintf(out, "Created the first admin account.\n  Email:    %s\n", admin.Email)
	if generated {
		fmt.Fprintf(out, "  Password: %s\n  (shown only this once; set %s to choose it)\n", plain, config.AdminPasswordEnv)
	} else {
		fmt.Fprintf(out, "  Password: as set in %s\n", config.AdminPasswordEnv)
	}
	return admin, nil
}

// firstAdminName is the first admin's display name.
const firstAdminName = "Admin"

// configError is a configuration mistake found after the flags were read;
// like a bad flag, it exits with 2.
type configError struct{ error }

func (e configError) Unwrap() error { return e.error }
