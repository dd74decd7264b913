package admin

import (
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// keyWebhookSecret carries a new or rotated secret, with its endpoint's id,
// from the POST that made it to the page that shows it once.
const keyWebhookSecret = "webhook_secret"

// recentDeliveries is how many deliveries an endpoint's page lists.
const recentDeliveries = 50

// webhookFromPath loads the endpoint named by :id, answering through fail
// itself and returning nil when there is none.
func (a *Admin) webhookFromPath(c *gin.Context) *models.WebhookEndpoint {
	ep, err := a.store.FindWebhook(c.Request.Context(), c.Param("id"))
	if err != nil {
		a.fail(c, err)
		return nil
	}
	return ep
}

// webhookForm reads an endpoint form.
func webhookForm(c *gin.Context) views.WebhookForm {
	return views.WebhookForm{
		URL: strings.TrimSpace(c.PostForm("url")), Description: strings.TrimSpace(c.PostForm("description")),
		Events: c.PostFormArray("events"), Locales: c.PostFormArray("locales"), Active: c.PostForm("active") != "",
	}
}

// webhookInput is the store's input for a form.
func webhookInput(f views.WebhookForm) models.WebhookInput {
	return models.WebhookInput{URL: f.URL, Description: f.Description, EventTypes: f.Events, Locales: f.Locales, Active: f.Active}
}

// webhookChoices are the event types and configured locales the forms offer.
func (a *Admin) webhookChoices() views.WebhookChoices {
	return views.WebhookChoices{EventTypes: slices.Clone(models.EventTypes), Locales: a.localeChoices()}
}

// webhookRow is how the pages show an endpoint.
func (a *Admin) webhookRow(l i18n.Localizer, ep *models.WebhookEndpoint) views.WebhookRow {
	row := views.WebhookRow{
		ID: ep.ID, URL: ep.URL, Description: ep.Description, Events: ep.EventTypes, Locales: ep.Locales,
		Active: ep.Active, PausedFailing: !ep.Active && ep.PausedReason == models.PausedFailing, Created: l.DateTime(ep.CreatedAt, a.tz),
	}
	if ep.FailingSince != nil {
		row.FailingSince = l.DateTime(*ep.FailingSince, a.tz)
	}
	return row
}

// showSecretOnce keeps secret for the next view of the endpoint's page.
func (a *Admin) showSecretOnce(c *gin.Context, ep *models.WebhookEndpoint) {
	a.sessions.Put(c.Request.Context(), keyWebhookSecret, ep.ID+" "+ep.Secret)
}

// takeSecret returns the secret kept for endpoint id, and forgets it.
func (a *Admin) takeSecret(c *gin.Context, id string) string {
	kept := a.sessions.PopString(c.Request.Context(), keyWebhookSecret)
	if epID, secret, ok := strings.Cut(kept, " "); ok && epID == id {
		return secret
	}
	return ""
}
