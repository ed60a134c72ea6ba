package connector

import (
	"context"
	"encoding/json"
	"testing"
)

func TestExplore(t *testing.T) {
	e := newEnv(t, envOptions{})
	s := e.syncer(nil)
	s.Sync(context.Background(), 1, "cli")
	for _, m := range e.mutations() {
		if m.Input["dossierId"] == "RG9zc2llci0y" || m.Input["dossierId"] == "RG9zc2llci0yMg==" {
			b, _ := json.MarshalIndent(m.Input, "", " ")
			t.Logf("%s %s", m.Name, b)
			if body, ok := m.Input["body"].(string); ok { t.Log(body) }
		}
	}
}
