package models

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/internal/textnorm"
)

// UserUpdate is what an admin may change on an account.
type UserUpdate struct {
	DisplayName string
	Role        Role
	Active      bool
}

// ListUsers returns every account, admins first, then by email.
func (s *Store) ListUsers(ctx context.Context) ([]User, error) {
	var out []User
	if err := s.reader(ctx).Order("role, email").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// FindUser loads an account by id.
func (s *Store) FindUser(ctx context.Context, id uint) (*User, error) {
	var u User
	if err := s.reader(ctx).Take(&u, id).Error; err != nil {
		return nil, notFoundOr(err, "find user")
	}
	return &u, nil
}

// UpdateUser changes an account's name, role and active flag. Deactivating
// ends the user's sessions. The last active admin can be neither demoted nor
// deactivated: nobody could manage the site afterwards.
func (s *Store) UpdateUser(ctx context.Context, id uint, in UserUpdate) (*User, error) {
	v := validation{}
	if !in.Role.Valid() {
		v.add("role", "validation.role_invalid")
	}
	v.checkLength("display_name", strings.TrimSpace(in.DisplayName), DisplayNameMaxRunes)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var u User
		if err := tx.Take(&u, id).Error; err != nil {
			return notFoundOr(err, "load user")
		}
		losesAdmin := u.Role == RoleAdmin && u.Active && (in.Role != RoleAdmin || !in.Active)
		if losesAdmin {
			if err := checkAnotherAdmin(tx, id); err != nil {
				return err
			}
		}
		updates := map[string]any{"role": in.Role, "active": in.Active}
		if name := textnorm.StripBidiControls(strings.TrimSpace(in.DisplayName)); name != "" {
			updates["display_name"] = name
		}
		if u.Active && !in.Active {
			updates["session_version"] = gorm.Expr("session_version + 1")
		}
		return tx.Model(&u).Updates(updates).Error
	})
	if err != nil {
		return nil, err
	}
	return s.FindUser(ctx, id)
}

func checkAnotherAdmin(tx *gorm.DB, id uint) error {
	var n int64
	if err := tx.Model(&User{}).Where("role = ? AND active = ? AND id <> ?", RoleAdmin, true, id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return refuse("role", "validation.last_admin")
	}
	return nil
}

// SetPassword sets a new password and ends every session of the user.
func (s *Store) SetPassword(ctx context.Context, id uint, plain string) error {
	v := validation{}
	if checkPassword(v, "password", plain); len(v) > 0 {
		return v.err()
	}
	hash, err := password.Hash(plain)
	if err != nil {
		return err
	}
	return s.updateUserColumns(ctx, id, map[string]any{"password_hash": hash, "session_version": gorm.Expr("session_version + 1")})
}

// SetUILanguage records the admin interface language a user chose.
func (s *Store) SetUILanguage(ctx context.Context, id uint, lang string) error {
	return s.updateUserColumns(ctx, id, map[string]any{"ui_language": lang})
}

// RecordLogin notes when a user last signed in.
func (s *Store) RecordLogin(ctx context.Context, id uint) error {
	return s.updateUserColumns(ctx, id, map[string]any{"last_login_at": s.Now()})
}

// updateUserColumns writes account columns directly on the writer: account
// changes are not content, so they leave the API's cache alone.
func (s *Store) updateUserColumns(ctx context.Context, id uint, updates map[string]any) error {
	res := s.write.WithContext(ctx).Model(&User{}).Where("id = ?", id).Updates(updates)
	if res.Error = s.track(res.Error); res.Error != nil {
		return fmt.Errorf("update user %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}
