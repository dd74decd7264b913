package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// webhookSave changes an endpoint's URL, description, filters and state.
func (a *Admin) webhookSave(c *gin.Context) {
	ep := a.webhookFromPath(c)
	if ep == nil {
		return
	}
	l := a.localizer(c)
	form := webhookForm(c)
	_, err := a.store.UpdateWebhook(c.Request.Context(), ep.ID, webhookInput(form))
	var verr *models.ValidationError
	switch {
	case errors.As(err, &verr):
		a.renderWebhookEdit(c, http.StatusUnprocessableEntity, ep, form, refusals(l, err, ""))
		return
	case a.failed(c, err):
		return
	}
	a.flash(c, l.T("common.saved"))
	redirect(c, "/admin/webhooks/"+ep.ID)
}

// webhookSetActive pauses or resumes an endpoint.
func (a *Admin) webhookSetActive(active bool) gin.HandlerFunc {
	msg := map[bool]string{true: "webhooks.resumed", false: "webhooks.paused"}[active]
	return func(c *gin.Context) {
		_, err := a.store.SetWebhookActive(c.Request.Context(), c.Param("id"), active)
		if !a.failed(c, err) {
			a.log.Info("webhook state changed", "by", currentUser(c).ID, "webhook", c.Param("id"), "active", active)
			a.flash(c, a.localizer(c).T(msg))
			redirect(c, "/admin/webhooks/"+c.Param("id"))
		}
	}
}

// webhookRotate gives the endpoint a new secret and shows it once.
func (a *Admin) webhookRotate(c *gin.Context) {
	ep, err := a.store.RotateWebhookSecret(c.Request.Context(), c.Param("id"))
	if !a.failed(c, err) {
		a.log.Info("webhook secret rotated", "by", currentUser(c).ID, "webhook", ep.ID)
		a.showSecretOnce(c, ep)
		redirect(c, "/admin/webhooks/"+ep.ID)
	}
}

// webhookSendTest queues a webhook.test event for this endpoint alone.
func (a *Admin) webhookSendTest(c *gin.Context) {
	_, err := a.store.SendWebhookTestEvent(c.Request.Context(), c.Param("id"))
	if !a.failed(c, err) {
		a.flash(c, a.localizer(c).T("webhooks.test_sent"))
		redirect(c, "/admin/webhooks/"+c.Param("id"))
	}
}

// webhookDelete removes the endpoint and its deliveries.
func (a *Admin) webhookDelete(c *gin.Context) {
	err := a.store.DeleteWebhook(c.Request.Context(), c.Param("id"))
	if !a.failed(c, err) {
		a.log.Info("webhook deleted", "by", currentUser(c).ID, "webhook", c.Param("id"))
		a.flash(c, a.localizer(c).T("webhooks.deleted"))
		redirect(c, "/admin/webhooks")
	}
}

// webhookRedeliver queues a delivery again, with the same event id.
func (a *Admin) webhookRedeliver(c *gin.Context) {
	id, ok := pathID(c, "delivery")
	if !ok {
		a.notFound(c)
		return
	}
	_, err := a.store.RedeliverWebhook(c.Request.Context(), c.Param("id"), uint64(id))
	if !a.failed(c, err) {
		a.flash(c, a.localizer(c).T("webhooks.redelivered"))
		redirect(c, "/admin/webhooks/"+c.Param("id"))
	}
}
