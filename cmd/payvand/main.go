// Command payvand runs Payvand, a headless CMS for bilingual news sites.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones work on minimal images without /usr/share/zoneinfo

	"github.com/payvand/payvand/internal/config"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches a command and returns the process exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	command := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		command, args = args[0], args[1:]
	}
	switch command {
	case "help":
		config.PrintUsage(stdout)
		return 0
	case "version":
		fmt.Fprintln(stdout, "payvand", version)
		return 0
	case "user":
		return userCommand(ctx, args, getenv, os.Stdin, stdout, stderr)
	case "backup":
		return backupCommand(ctx, args, getenv, stdout, stderr)
	case "restore":
		return restoreCommand(ctx, args, getenv, stdout, stderr)
	case "webhook":
		return webhookCommand(ctx, args, getenv, stdout, stderr)
	case "copy":
		return copyCommand(ctx, args, getenv, stdout, stderr)
	case "import":
		return importCommand(ctx, args, getenv, stdout, stderr)
	case "redirects":
		return redirectsCommand(ctx, args, getenv, stdout, stderr)
	case "serve", "healthcheck":
	default:
		fmt.Fprintf(stderr, "payvand: unknown command %q; see payvand help\n", command)
		return 2
	}
	spec := commandSpec{name: "payvand " + command, usage: config.PrintUsage}
	cl, code, done := parseCommand(spec, args, getenv, stdout, stderr)
	if done {
		return code
	}
	if code, done := wantArguments(spec, cl, 0, "", stderr); done {
		return code
	}
	logger := newLogger(cl.cfg, stderr)
	var err error
	if command == "serve" {
		err = serve(ctx, cl.cfg, logger, stdout)
	} else {
		err = healthcheck(ctx, cl.cfg)
	}
	if err != nil {
		fmt.Fprintln(stderr, "payvand:", err)
		if errors.As(err, new(configError)) {
			return 2
		}
		return 1
	}
	return 0
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
