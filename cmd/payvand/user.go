package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/payvand/payvand/internal/config"
	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/models"
)

// userPasswordEnv gives `payvand user create` the new account's password
// without it showing in a process list or the shell's history.
const userPasswordEnv = "PAYVAND_USER_PASSWORD"

// maxPasswordLine bounds what is read from standard input for a password;
// the store refuses anything longer than password.MaxLength anyway.
const maxPasswordLine = 64 << 10

func printUserUsage(w io.Writer) {
	fmt.Fprintf(w, `Usage:
  payvand user create --email E --role admin|editor [--name N] [flags]

Creates an active account in the database under --data (the same flags and
environment variables as payvand serve; see payvand help).

  --email E   the account's email, used to sign in
  --role R    admin (everything) or editor (articles and media)
  --name N    display name (default: the part of the email before @)

The password is taken from %s when it is set, otherwise from the
first line of standard input. At a terminal you are asked for it, and what
you type is shown. When standard input is empty (or the line is), a random
password is generated and printed once. A password you give must be hard to
guess: zxcvbn score 3 or more, not built on the email, the name or the
site's name.
`, userPasswordEnv)
}

// userCommand runs `payvand user …` and returns the exit code: 0 when the
// account was created, 1 when it was refused, 2 for a wrong command line.
func userCommand(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	var email, role, name *string
	spec := commandSpec{name: "payvand user create", usage: printUserUsage, flags: func(fs *flag.FlagSet) {
		email = fs.String("email", "", "email of the account")
		role = fs.String("role", "", "admin or editor")
		name = fs.String("name", "", "display name")
	}}
	cl, code, done := parseCommand(spec, args, getenv, stdout, stderr)
	if done {
		return code
	}
	if len(cl.args) != 1 || cl.args[0] != "create" {
		printUserUsage(stderr)
		return 2
	}
	cfg := cl.cfg
	if *email == "" || *role == "" {
		fmt.Fprintln(stderr, "payvand: user create needs --email and --role; see payvand user create --help")
		return 2
	}
	// Checked before the password is asked for, so a typo in the role does
	// not cost the user a prompt.
	if !models.Role(*role).Valid() {
		fmt.Fprintf(stderr, "payvand: role: %q is not admin or editor\n", *role)
		return 1
	}
	plain, generated, err := newUserPassword(getenv, stdin, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "payvand:", err)
		return 1
	}
	if !generated {
		inputs := password.UserInputs(models.NormalizeEmail(*email), *name, password.SiteNames(cfg.PublicURL)...)
		if err := password.CheckStrength(plain, inputs...); err != nil {
			fmt.Fprintln(stderr, "payvand: password:", err)
			return 1
		}
	}
	user, err := createUser(ctx, cfg, models.UserInput{Email: *email, DisplayName: *name, Role: models.Role(*role), Password: plain}, stderr)
	if err != nil {
		reportSaveError(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "Created user %s with the role %s.\n", user.Email, user.Role)
	if generated {
		fmt.Fprintf(stdout, "  Password: %s\n  (shown only this once; set %s to choose it)\n", plain, userPasswordEnv)
	}
	return 0
}

// createUser opens the store as serve does and creates the account.
func createUser(ctx context.Context, cfg config.Config, in models.UserInput, stderr io.Writer) (*models.User, error) {
	store, err := openCommandStore(ctx, cfg, stderr)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return store.CreateUser(ctx, in)
}

// newUserPassword returns the new account's password from the environment
// or the first line of stdin; when both are empty it generates one.
func newUserPassword(getenv func(string) string, stdin io.Reader, stderr io.Writer) (plain string, generated bool, err error) {
	if p := getenv(userPasswordEnv); p != "" {
		return p, false, nil
	}
	if isTerminal(stdin) {
		// Without golang.org/x/term the input cannot be hidden; say so.
		fmt.Fprint(stderr, "Password (shown as you type; press Enter alone to generate one): ")
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, maxPasswordLine)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, fmt.Errorf("read the password from standard input: %w", err)
	}
	if line = strings.TrimRight(line, "\r\n"); line != "" {
		return line, false, nil
	}
	return rand.Text(), true, nil
}

// isTerminal reports whether stdin or stdout is a character device such as
// a terminal.
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
