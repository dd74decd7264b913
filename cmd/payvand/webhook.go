package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/payvand/payvand/models"
)

func printWebhookUsage(w io.Writer) {
	fmt.Fprintf(w, `Usage:
  payvand webhook add --url URL [--events TYPES] [--locales CODES] [--description D] [flags]
  payvand webhook list [flags]
  payvand webhook pause ID [flags]
  payvand webhook resume ID [--skip-held] [flags]

add registers an endpoint that receives events, signed per Standard
Webhooks, and prints its id and signing secret (shown only this once):
  id: wh_…
  secret: whsec_…
A running server starts delivering to it within seconds.

  --url URL          where events are POSTed (http or https)
  --events TYPES     event types, comma-separated (default: all): %s
  --locales CODES    article locales, comma-separated (default: all); here
                     the filter, so the site's own languages are read
                     from PAYVAND_LOCALES
  --description D    a note for admins

list prints every endpoint: id, state, URL, filters.

pause stops deliveries to an endpoint (as Pause on its admin page); the
events go on being recorded. resume starts them again, the held events
first, in order; with --skip-held the endpoint receives only what happens
from now on — for a pause during a large import after which the site is
rebuilt whole. A running server follows either within seconds.

  --skip-held        resume without the events recorded while paused

All use the database under --data (the flags of payvand serve; see payvand help).
`, strings.Join(models.EventTypes, ","))
}

// webhookCommand runs `payvand webhook add|list|pause|resume` and returns
// the exit code: 0 done, 1 refused, 2 a wrong command line.
func webhookCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var url, events, locales, description *string
	var skipHeld *bool
	spec := commandSpec{name: "payvand webhook", usage: printWebhookUsage, flags: func(fs *flag.FlagSet) {
		url = fs.String("url", "", "endpoint URL")
		events = fs.String("events", "", "event types, comma-separated")
		// --locales is a global setting (the site's content languages);
		// here it is the endpoint's filter, as the command line
		// has it. The site's languages still come from PAYVAND_LOCALES.
		locales = new(string)
		fs.Lookup("locales").Value = stringValue{locales}
		description = fs.String("description", "", "a note for admins")
		skipHeld = fs.Bool("skip-held", false, "resume without the held events")
	}}
	cl, code, done := parseCommand(spec, args, getenv, stdout, stderr)
	if done {
		return code
	}
	if !webhookArgsValid(cl.args) {
		printWebhookUsage(stderr)
		return 2
	}
	if *skipHeld && cl.args[0] != "resume" {
		fmt.Fprintln(stderr, "payvand: --skip-held goes with webhook resume only; see payvand webhook --help")
		return 2
	}
	if cl.args[0] == "add" && *url == "" {
		fmt.Fprintln(stderr, "payvand: webhook add needs --url; see payvand webhook --help")
		return 2
	}
	store, err := openCommandStore(ctx, cl.cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "payvand:", err)
		return 1
	}
	defer store.Close()
	switch cl.args[0] {
	case "list":
		return listWebhooks(ctx, store, stdout, stderr)
	case "pause", "resume":
		return setWebhookState(ctx, store, cl.args[0], cl.args[1], *skipHeld, stdout, stderr)
	}
	ep, err := store.CreateWebhook(ctx, models.WebhookInput{
		URL: *url, Description: *description, EventTypes: splitFlag(*events), Locales: splitFlag(*locales), Active: true,
	})
	if err != nil {
		reportSaveError(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "id: %s\nsecret: %s\n", ep.ID, ep.Secret)
	return 0
}

func listWebhooks(ctx context.Context, store *models.Store, stdout, stderr io.Writer) int {
	eps, err := store.ListWebhooks(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "payvand:", err)
		return 1
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tURL\tEVENTS\tLOCALES\tDESCRIPTION")
	for _, ep := range eps {
		state := "active"
		if !ep.Active {
			state = "paused"
			if ep.PausedReason == models.PausedFailing {
				state = "paused (failing)"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", ep.ID, state, ep.URL, orAll(ep.EventTypes), orAll(ep.Locales), ep.Description)
	}
	tw.Flush()
	return 0
}

func splitFlag(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func orAll(s string) string {
	if s == "" {
		return "all"
	}
	return s
}

// stringValue is a flag.Value that stores into a string of the caller's.
type stringValue struct{ s *string }

func (v stringValue) String() string {
	if v.s == nil {
		return ""
	}
	return *v.s
}

func (v stringValue) Set(x string) error { *v.s = x; return nil }
