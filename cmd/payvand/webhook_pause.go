package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/payvand/payvand/models"
)

// webhookArgsValid says whether args are one of webhook's subcommands
// with its arguments: add, list, or pause/resume and an endpoint id.
func webhookArgsValid(args []string) bool {
	switch {
	case len(args) == 1:
		return args[0] == "add" || args[0] == "list"
	case len(args) == 2:
		return args[0] == "pause" || args[0] == "resume"
	}
	return false
}

// setWebhookState runs webhook pause|resume ID, as the admin page's Pause
// and Resume do; resume with skipHeld leaves out the events recorded
// while the endpoint was paused.
func setWebhookState(ctx context.Context, store *models.Store, verb, id string, skipHeld bool, stdout, stderr io.Writer) int {
	var err error
	switch {
	case verb == "pause":
		_, err = store.SetWebhookActive(ctx, id, false)
	case skipHeld:
		_, err = store.ResumeWebhookSkippingHeld(ctx, id)
	default:
		_, err = store.SetWebhookActive(ctx, id, true)
	}
	if errors.Is(err, models.ErrNotFound) {
		fmt.Fprintf(stderr, "payvand: webhook %s: there is no endpoint %s; see payvand webhook list\n", verb, id)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "payvand:", err)
		return 1
	}
	state := map[string]string{"pause": "paused", "resume": "resumed"}[verb]
	if verb == "resume" && skipHeld {
		state += ", without the events held while paused"
	}
	fmt.Fprintf(stdout, "%s: %s\n", id, state)
	return 0
}
