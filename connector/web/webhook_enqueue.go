package web

import (
	"errors"
	"net/http"
)

// acceptedBody is the JSON answer of an accepted notification.
type acceptedBody struct {
	Queued  int `json:"queued"`
	Ignored int `json:"ignored"`
}

// enqueue hands the notification's dossiers to the queue and answers 202,
// or 429 when the queue is full, so that a sender that retries (the signed
// batches do) comes back: events are hints, queuing one twice is harmless.
func (h *webhookHandler) enqueue(w http.ResponseWriter, n Notification) *rejection {
	var queued, ignored, full int
	for _, ev := range n.Events {
		if ignoredEventType(ev.Type) {
			ignored++
			continue
		}
		switch err := h.opts.Queue.Enqueue(n.Demarche, ev.Dossier); {
		case errors.Is(err, ErrQueueFull):
			full++
		case err != nil:
			return &rejection{http.StatusServiceUnavailable, resultUnavailable, "queue: " + err.Error()}
		default:
			queued++
		}
	}
	h.metrics.webhookEvent(eventIgnored, ignored)
	if full > 0 {
		w.Header().Set("Retry-After", "30")
		return &rejection{http.StatusTooManyRequests, resultQueueFull, "sync queue full: retry later"}
	}
	h.metrics.webhookRequest(resultAccepted)
	h.log.Info().Int("demarche", n.Demarche).Int("queued", queued).Int("ignored", ignored).Msg("webhook accepted")
	writeJSON(w, http.StatusAccepted, acceptedBody{Queued: queued, Ignored: ignored})
	return nil
}

// ignoredEventType reports the batch event types that cannot change what
// spplus reads (champs, attachments, state): messages, avis and labels.
// spplus writes messages and labels itself, so queuing them would only
// echo its own writes back. Unknown types are queued: a re-read is cheap,
// a missed change is not.
func ignoredEventType(t string) bool {
	switch t {
	case "message_cree", "avis_cree", "avis_repondu", "dossier_label_ajoute", "dossier_label_supprime":
		return true
	}
	return false
}
