package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/models"
)

// cliResult is one run of `payvand user …`.
type cliResult struct {
	code           int
	stdout, stderr string
}

func runUser(t *testing.T, args []string, env map[string]string, stdin string) cliResult {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := userCommand(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &stdout, &stderr)
	return cliResult{code, stdout.String(), stderr.String()}
}

// findUser opens the data folder's database as serve would and loads the
// account with email.
func findUser(t *testing.T, dataDir, email string) (*models.User, error) {
	t.Helper()
	store, err := models.Open(context.Background(), models.Options{Path: filepath.Join(dataDir, "payvand.db"), Locales: locale.MustParse(locale.DefaultCodes)})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	return store.FindUserByEmail(context.Background(), email)
}

// assertSignsIn fails unless the account exists, is active, has the role
// and accepts the password.
func assertSignsIn(t *testing.T, dataDir, email string, role models.Role, plain string) *models.User {
	t.Helper()
	u, err := findUser(t, dataDir, email)
	if err != nil {
		t.Fatalf("find %s: %v", email, err)
	}
	ok, err := password.Verify(u.PasswordHash, plain)
	if err != nil || !ok || !u.Active || u.Role != role {
		t.Fatalf("%s: password accepted %v (%v), active %v, role %s; want an active %s", email, ok, err, u.Active, u.Role, role)
	}
	return u
}

func TestUserCreateThroughRun(t *testing.T) {
	dir := t.TempDir()
	const phrase = "گذرواژهٔ بلند فارسی با فاصله‌ها"
	env := map[string]string{userPasswordEnv: phrase}
	var stdout, stderr bytes.Buffer
	args := []string{"user", "create", "--data", dir, "--email", "Boss@Example.com", "--role", "admin", "--name", "Раҳбар"}
	if code := run(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if out := stdout.String(); !strings.Contains(out, "boss@example.com") || !strings.Contains(out, "admin") || strings.Contains(out, phrase) {
		t.Fatalf("output %q: want the email and role, and not the password", out)
	}
	if u := assertSignsIn(t, dir, "boss@example.com", models.RoleAdmin, phrase); u.DisplayName != "Раҳбар" {
		t.Fatalf("display name %q", u.DisplayName)
	}
}

func TestUserCreatePasswordSources(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		stdin string
		want  string // "" means generated and printed
	}{
		{"environment wins over stdin", map[string]string{userPasswordEnv: "from the environment"}, "from stdin line\n", "from the environment"},
		{"first line of stdin", nil, "from stdin line\r\nsecond line\n", "from stdin line"},
		{"stdin without a newline", nil, "no newline at all", "no newline at all"},
		{"empty stdin generates one", nil, "", ""},
		{"empty line generates one", nil, "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			// Global flags may come before and after the command's own.
			res := runUser(t, []string{"create", "--data", dir, "--email=ed@example.com", "--log-level", "warn", "-role", "editor"}, tt.env, tt.stdin)
			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			want := tt.want
			if want == "" {
				want = strings.TrimSpace(between(res.stdout, "Password:", "\n"))
				if len(want) < password.MinLength {
					t.Fatalf("no generated password printed: %q", res.stdout)
				}
			} else if strings.Contains(res.stdout, "Password:") {
				t.Fatalf("printed a password it did not generate: %q", res.stdout)
			}
			assertSignsIn(t, dir, "ed@example.com", models.RoleEditor, want)
		})
	}
}

func TestUserCreateRefusals(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{userPasswordEnv: "long enough 1"}
	if res := runUser(t, []string{"create", "--data", dir, "--email", "taken@example.com", "--role", "editor"}, env, ""); res.code != 0 {
		t.Fatalf("first account: exit %d: %s", res.code, res.stderr)
	}
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		code     int
		stderr   string
		notAdded string
	}{
		{"duplicate email", []string{"--email", "TAKEN@example.com", "--role", "admin"}, env, 1, "email: an account with this email already exists", ""},
		{"bad role", []string{"--email", "owner@example.com", "--role", "owner"}, env, 1, `role: "owner" is not admin or editor`, "owner@example.com"},
		{"short password", []string{"--email", "short@example.com", "--role", "editor"}, map[string]string{userPasswordEnv: "short"}, 1, "password: a password needs at least 8 characters", "short@example.com"},
		{"malformed email", []string{"--email", "not an email", "--role", "editor"}, env, 1, "email: enter an email address", ""},
		{"common password", []string{"--email", "weak1@example.com", "--role", "editor"}, map[string]string{userPasswordEnv: "password"}, 1, "password: the password is too easy to guess: it is a common password", "weak1@example.com"},
		{"digits", []string{"--email", "weak2@example.com", "--role", "editor"}, map[string]string{userPasswordEnv: "12345678"}, 1, "password: the password is too easy to guess: it is a common password", "weak2@example.com"},
		{"repeat", []string{"--email", "weak3@example.com", "--role", "editor"}, map[string]string{userPasswordEnv: "aaaaaaaa"}, 1, "password: the password is too easy to guess: it is a repeat", "weak3@example.com"},
		{"built on the name", []string{"--email", "weak4@example.com", "--role", "editor", "--name", "Фирӯза Раҳимова"}, map[string]string{userPasswordEnv: "Раҳимова1990"}, 1, "built on the email, the name or the site's name", "weak4@example.com"},
		{"built on the site's name", []string{"--email", "weak5@example.com", "--role", "editor", "--public-url", "https://akhbor.example.tj"}, map[string]string{userPasswordEnv: "akhbor2024"}, 1, "built on the email, the name or the site's name", "weak5@example.com"},
		{"missing role", []string{"--email", "x@example.com"}, env, 2, "needs --email and --role", "x@example.com"},
		{"unknown global flag", []string{"--email", "y@example.com", "--role", "editor", "--nope"}, env, 2, "nope", "y@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runUser(t, append([]string{"create", "--data", dir}, tt.args...), tt.env, "")
			if res.code != tt.code || !strings.Contains(res.stderr, tt.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", res.code, res.stderr, tt.code, tt.stderr)
			}
			if tt.notAdded != "" {
				if _, err := findUser(t, dir, tt.notAdded); err == nil {
					t.Fatalf("%s was created", tt.notAdded)
				}
			}
		})
	}
}

func TestUserCommandUsage(t *testing.T) {
	if res := runUser(t, []string{"create", "--help"}, nil, ""); res.code != 0 || !strings.Contains(res.stdout, userPasswordEnv) {
		t.Fatalf("--help: exit %d, %q", res.code, res.stdout)
	}
	for _, args := range [][]string{nil, {"delete"}} {
		if res := runUser(t, args, nil, ""); res.code != 2 || !strings.Contains(res.stderr, "payvand user create") {
			t.Errorf("user %v: exit %d, %q; want 2 and the usage", args, res.code, res.stderr)
		}
	}
}

func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	before, _, _ := strings.Cut(after, end)
	return before
}
