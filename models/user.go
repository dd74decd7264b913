package models

import (
	"context"
	"errors"

	"fmt"
	"net/mail"
	"strings"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/internal/textnorm"
)

// UserInput is an account to create.
type UserInput struct {
	Email       string
	DisplayName string
	Role        Role
	Password    string
}

// NormalizeEmail is the form emails are stored and looked up in.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// CheckUserInput applies CreateUser's rules to an account without creating
// it, so a form can report them together with its own (password strength)
// before anything is written. It does not look for a taken email: CreateUser
// does that in its transaction.
func CheckUserInput(in UserInput) error {
	email := NormalizeEmail(in.Email)
	v := validation{}
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		v.add("email", "validation.email_invalid")
	}
	v.checkLength("email", email, EmailMaxRunes)
	v.checkLength("display_name", strings.TrimSpace(in.DisplayName), DisplayNameMaxRunes)
	if !in.Role.Valid() {
		v.add("role", "validation.role_invalid")
	}
	checkPassword(v, "password", in.Password)
	return v.err()
}

// checkPassword refuses a password outside the length rules.
func checkPassword(v validation, field, plain string) {
	switch err := password.Validate(plain); {
	case errors.Is(err, password.ErrTooShort):
		v.add(field, "validation.password_too_short", "min", password.MinLength)
	case errors.Is(err, password.ErrTooLong):
		v.add(field, "validation.password_too_long", "max", password.MaxLength)
	}
}

// CreateUser creates an active account with an argon2id password hash.
func (s *Store) CreateUser(ctx context.Context, in UserInput) (*User, error) {
	if err := CheckUserInput(in); err != nil {
		return nil, err
	}
	email := NormalizeEmail(in.Email)
	hash, err := password.Hash(in.Password)
	if err != nil {
		return nil, err
	}
	name := textnorm.StripBidiControls(strings.TrimSpace(in.DisplayName))
	if name == "" {
		name, _, _ = strings.Cut(email, "@")
	}
	user := User{Email: email, DisplayName: name, Role: in.Role, PasswordHash: hash, Active: true, SessionVersion: 1}
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&User{}).Where("email = ?", email).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return refuse("email", "validation.email_taken")
		}
		return tx.Create(&user).Error
	})
	if err != nil {
		return nil, err
	}
	return &user, nil
}

// FindUserByEmail loads an account by email, in any letter case.
func (s *Store) FindUserByEmail(ctx context.Context, email string) (*User, error) {
	email = NormalizeEmail(email)
	if !storableText(email) {
		// No account has it, and PostgreSQL refuses it as a parameter: a
		// sign-in form posting a NUL would otherwise answer 500.
		return nil, ErrNotFound
	}
	var u User
	err := s.reader(ctx).Where("email = ?", email).Take(&u).Error
	if err != nil {
		return nil, notFoundOr(err, "find user")
	}
	return &u, nil
}

// CountUsers returns how many accounts exist.
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	if err := s.reader(ctx).Model(&User{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}
