package connector

import (
	"strings"
	"testing"

	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/rules"
)

// Past MaxQuietListed lines, an evaluation with nothing to do is counted,
// not listed; a dossier with an action or an error is always listed.
func TestPassReportCountsQuietEvaluationsPastTheCap(t *testing.T) {
	var r PassReport
	quiet := outcome{Complete: true, Level: rules.LevelBronze}
	for n := 1; n <= MaxQuietListed+5; n++ {
		r.evaluated(n, "en_instruction", quiet, 0)
	}
	r.evaluated(MaxQuietListed+6, "en_construction", outcome{}, 1) // it planned an action
	r.action(store.Action{Key: "2000/message/x", Dossier: 2000, Kind: store.KindMessage}, ResultDone, nil)
	r.action(store.Action{Key: "1003/annotations/y", Dossier: 1003, Kind: store.KindAnnotations}, ResultDone, nil) // left by an earlier pass

	if r.Evaluated != MaxQuietListed+6 || r.Unlisted != 5 {
		t.Errorf("evaluated %d, unlisted %d; want %d and 5", r.Evaluated, r.Unlisted, MaxQuietListed+6)
	}
	if len(r.Dossiers) != MaxQuietListed+3 {
		t.Fatalf("%d dossiers listed, want %d", len(r.Dossiers), MaxQuietListed+3)
	}
	if d := r.Dossiers[MaxQuietListed]; d.Number != MaxQuietListed+6 || !d.Evaluated || d.State != "en_construction" {
		t.Errorf("the dossier with a plan is listed as %+v", d)
	}
	text := r.String()
	for _, want := range []string{
		"  dossier 1 en_instruction: complete=true level=\"bronze\" findings=\n",
		"  dossier 2000: not evaluated by this pass\n    done ",
		"  dossier 1003: not evaluated by this pass\n    done annotations",
		"  and 5 more dossiers evaluated with nothing to do (spplus export lists every dossier)\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
