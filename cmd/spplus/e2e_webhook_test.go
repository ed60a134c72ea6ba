package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// webhookDossier is the number of the dossier the webhook test files: far
// above the demo data's.
const webhookDossier = 901

// webhookLimit bounds the wait for the deposit to reach spplus; the
// schedule of "run --sandbox" would take up to 15 minutes.
const webhookLimit = 60 * time.Second

// TestWebhookTriggersSync files a dossier on the sandbox of "spplus run
// --sandbox" and waits for spplus to write to it: the sandbox's DS webhook,
// not the schedule (every 15 minutes), must bring it there.
func TestWebhookTriggersSync(t *testing.T) {
	bin := spplusBinary(t)
	r := startRunSandbox(t, bin)
	for _, d := range listDossiers(t, r.sandbox.url, 1) {
		if d.Number == webhookDossier {
			t.Fatalf("dossier %d already exists on the sandbox: pick another number", webhookDossier)
		}
	}
	fileDossier(t, r.sandbox.url, webhookDossier, 2)

	waitUntil(t, webhookLimit, fmt.Sprintf("a mutation of spplus on the new dossier %d", webhookDossier), func() (bool, string) {
		ms := r.sandbox.mutations(t)
		for _, m := range ms {
			if m.dossier() == webhookDossier && m.ok() {
				return true, ""
			}
		}
		return false, fmt.Sprintf("%d mutations, none on dossier %d; daemon stderr: %s", len(ms), webhookDossier, tail(r.stderr.String(), 600))
	})
	if !loggedWebhookPass(r.stderr.String(), webhookDossier) {
		t.Errorf("no log line with \"trigger\":\"webhook\" for dossier %d: the write came from elsewhere (the schedule?)\nstderr:\n%s",
			webhookDossier, tail(r.stderr.String(), 4096))
	}
}

// fileDossier files dossier n on the sandbox as a candidate would: a new
// dossier (state en_construction: a dépôt) with the champs of dossier like.
func fileDossier(t *testing.T, sandboxURL string, n, like int) {
	t.Helper()
	var model map[string]any
	if err := getJSON(sandboxURL+"/_sandbox/dossiers/"+strconv.Itoa(like), &model); err != nil {
		t.Fatalf("read dossier %d to copy its champs: %v", like, err)
	}
	body := map[string]any{"number": n, "state": "en_construction"}
	for _, k := range []string{"champs", "demandeur", "usager"} {
		if v, ok := model[k]; ok {
			body[k] = v
		}
	}
	status, answer, err := postJSON(sandboxURL+"/_sandbox/dossiers", body, false)
	if err != nil || status != http.StatusCreated {
		t.Fatalf("file dossier %d: HTTP %d, %v: %s", n, status, err, tail(string(answer), 512))
	}
}

// loggedWebhookPass reports whether the daemon's JSON logs show work on
// dossier n triggered by a webhook.
func loggedWebhookPass(stderr string, n int) bool {
	for _, line := range strings.Split(stderr, "\n") {
		if !strings.Contains(line, `"trigger":"webhook"`) {
			continue
		}
		var entry struct {
			Dossier int `json:"dossier"`
		}
		if json.Unmarshal([]byte(line), &entry) == nil && entry.Dossier == n {
			return true
		}
	}
	return false
}
