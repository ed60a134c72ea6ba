package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// e2eHTTP is the client of the tests' own requests to the sandbox and the
// daemon; its timeout bounds each of them.
var e2eHTTP = &http.Client{Timeout: 10 * time.Second}

// e2eStartLimit bounds how long a process may take to answer after start.
const e2eStartLimit = 60 * time.Second

// sandboxProc is a "spplus sandbox" process and its base URL.
type sandboxProc struct {
	*process
	url string
}

// startSandbox runs "spplus sandbox" on a free port with the given extra
// arguments, and waits until it answers.
func startSandbox(t *testing.T, bin string, args ...string) sandboxProc {
	t.Helper()
	addr := freeAddr(t)
	p := startProcess(t, bin, childEnv(), append([]string{"sandbox", "--addr", addr}, args...)...)
	sb := sandboxProc{process: p, url: "http://" + addr}
	waitAnswers(t, p, sb.url+"/_sandbox/mutations", http.StatusOK)
	return sb
}

// waitAnswers waits until url answers want (e.g. /readyz 200), failing at
// once if p ends first.
func waitAnswers(t *testing.T, p *process, url string, want int) {
	t.Helper()
	waitUntil(t, e2eStartLimit, "GET "+url+" answering "+strconv.Itoa(want), func() (bool, string) {
		if p.exited() {
			t.Fatalf("%s ended before %s answered: %v\nstderr:\n%s", p.name, url, p.err, tail(p.stderr.String(), 4096))
		}
		resp, err := e2eHTTP.Get(url)
		if err != nil {
			return false, err.Error()
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		resp.Body.Close()
		return resp.StatusCode == want, fmt.Sprintf("HTTP %d %s", resp.StatusCode, body)
	})
}

// getJSON GETs url and decodes its JSON answer into v.
func getJSON(url string, v any) error {
	resp, err := e2eHTTP.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("GET %s: read: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: HTTP %d: %s", url, resp.StatusCode, tail(string(body), 512))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("GET %s: decode: %w", url, err)
	}
	return nil
}

// postJSON POSTs body as JSON to url, with the sandbox token when
// authorized, and returns the answer's status and body.
func postJSON(url string, body any, authorized bool) (int, []byte, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if authorized {
		req.Header.Set("Authorization", "Bearer sandbox-token")
	}
	resp, err := e2eHTTP.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}

// recordedMutation is one entry of GET /_sandbox/mutations.
type recordedMutation struct {
	Name   string         `json:"name"`
	Input  map[string]any `json:"input"`
	At     string         `json:"at"`
	Errors []string       `json:"errors"`
}

// ok reports whether the sandbox accepted the mutation.
func (m recordedMutation) ok() bool { return len(m.Errors) == 0 }

// dossier is the number of the dossier the mutation targets (its input's
// dossierId is DS's base64 "Dossier-N"), 0 when it names none.
func (m recordedMutation) dossier() int {
	id, _ := m.Input["dossierId"].(string)
	raw, err := base64.StdEncoding.DecodeString(id)
	if err != nil {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(raw), "Dossier-"))
	if err != nil {
		return 0
	}
	return n
}

// markerRE finds the reference marker that ends every spplus message.
var markerRE = regexp.MustCompile(`Réf\. SP\+ ([0-9a-zA-Z]+)\s*$`)

// marker is the reference marker of a dossierEnvoyerMessage, "" if none.
func (m recordedMutation) marker() string {
	body, _ := m.Input["body"].(string)
	if sub := markerRE.FindStringSubmatch(body); sub != nil {
		return sub[1]
	}
	return ""
}

// mutations reads every mutation the sandbox has received, in order.
func (sb sandboxProc) mutations(t *testing.T) []recordedMutation {
	t.Helper()
	var ms []recordedMutation
	if err := getJSON(sb.url+"/_sandbox/mutations", &ms); err != nil {
		t.Fatalf("sandbox mutations: %v", err)
	}
	return ms
}

// dossierListQuery lists a démarche's visible (non-deleted) dossiers a page
// at a time, through the DS API as any client would.
const dossierListQuery = `query list($n: Int!, $after: String) {
  demarche(number: $n) { dossiers(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { number state }
  } }
}`

// listedDossier is one dossier of the API listing.
type listedDossier struct {
	Number int    `json:"number"`
	State  string `json:"state"`
}

// listDossiers returns every visible dossier of démarche n.
func listDossiers(t *testing.T, baseURL string, n int) []listedDossier {
	t.Helper()
	var all []listedDossier
	var after *string
	for page := 0; page < 100; page++ {
		var resp struct {
			Data struct {
				Demarche struct {
					Dossiers struct {
						PageInfo struct {
							HasNextPage bool   `json:"hasNextPage"`
							EndCursor   string `json:"endCursor"`
						} `json:"pageInfo"`
						Nodes []listedDossier `json:"nodes"`
					} `json:"dossiers"`
				} `json:"demarche"`
			} `json:"data"`
			Errors []json.RawMessage `json:"errors"`
		}
		body := map[string]any{"query": dossierListQuery, "variables": map[string]any{"n": n, "after": after}}
		status, raw, err := postJSON(baseURL+"/api/v2/graphql", body, true)
		if err == nil && status != http.StatusOK {
			err = fmt.Errorf("HTTP %d: %s", status, tail(string(raw), 512))
		}
		if err == nil {
			err = json.Unmarshal(raw, &resp)
		}
		if err == nil && len(resp.Errors) > 0 {
			err = fmt.Errorf("errors: %s", resp.Errors[0])
		}
		if err != nil {
			t.Fatalf("list the dossiers of démarche %d through the API: %v", n, err)
		}
		c := resp.Data.Demarche.Dossiers
		all = append(all, c.Nodes...)
		if !c.PageInfo.HasNextPage {
			return all
		}
		after = &c.PageInfo.EndCursor
	}
	t.Fatalf("démarche %d: more than 100 pages of dossiers", n)
	return nil
}
