package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// webhookList shows every endpoint and the form for a new one.
func (a *Admin) webhookList(c *gin.Context) {
	a.renderWebhooks(c, http.StatusOK, views.WebhookForm{Active: true}, map[string]string{})
}

func (a *Admin) renderWebhooks(c *gin.Context, status int, form views.WebhookForm, errs map[string]string) {
	eps, err := a.store.ListWebhooks(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	p := a.page(c, "webhooks.title", "webhooks")
	rows := make([]views.WebhookRow, len(eps))
	for i := range eps {
		rows[i] = a.webhookRow(p.L, &eps[i])
	}
	a.render(c, status, views.Webhooks(views.WebhooksProps{Page: p, Endpoints: rows, New: form, Choices: a.webhookChoices(), Errors: errs}))
}

// webhookCreate adds an endpoint and shows its secret, once, on its page.
func (a *Admin) webhookCreate(c *gin.Context) {
	form := webhookForm(c)
	ep, err := a.store.CreateWebhook(c.Request.Context(), webhookInput(form))
	var verr *models.ValidationError
	switch {
	case errors.As(err, &verr):
		a.renderWebhooks(c, http.StatusUnprocessableEntity, form, refusals(a.localizer(c), err, ""))
	case err != nil:
		a.fail(c, err)
	default:
		a.log.Info("webhook created", "by", currentUser(c).ID, "webhook", ep.ID, "url", ep.URL)
		a.showSecretOnce(c, ep)
		redirect(c, "/admin/webhooks/"+ep.ID)
	}
}

// webhookEdit shows an endpoint's settings, actions and recent deliveries.
func (a *Admin) webhookEdit(c *gin.Context) {
	ep := a.webhookFromPath(c)
	if ep == nil {
		return
	}
	form := views.WebhookForm{URL: ep.URL, Description: ep.Description, Events: ep.EventTypeList(), Locales: ep.LocaleList(), Active: ep.Active}
	a.renderWebhookEdit(c, http.StatusOK, ep, form, map[string]string{})
}

func (a *Admin) renderWebhookEdit(c *gin.Context, status int, ep *models.WebhookEndpoint, form views.WebhookForm, errs map[string]string) {
	ds, err := a.store.ListWebhookDeliveries(c.Request.Context(), ep.ID, recentDeliveries)
	if err != nil {
		a.fail(c, err)
		return
	}
	p := a.page(c, "webhooks.edit_title", "webhooks")
	rows := make([]views.DeliveryRow, len(ds))
	for i, d := range ds {
		rows[i] = views.DeliveryRow{
			ID: d.ID, EventID: d.EventID, EventType: d.EventType, State: d.State, Attempts: d.Attempts,
			Status: d.LastStatus, Error: d.LastError, DurationMS: d.DurationMS, Created: p.L.DateTime(d.CreatedAt, a.tz),
		}
		if d.State == models.DeliveryPending {
			rows[i].NextRetry = p.L.DateTime(d.NextAttemptAt, a.tz)
		}
	}
	var secret string
	if c.Request.Method == http.MethodGet {
		secret = a.takeSecret(c, ep.ID)
	}
	a.render(c, status, views.WebhookEdit(views.WebhookEditProps{
		Page: p, Endpoint: a.webhookRow(p.L, ep), Form: form, Choices: a.webhookChoices(), Errors: errs, Secret: secret, Deliveries: rows,
	}))
}
