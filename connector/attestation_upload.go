package connector

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/spplus/spplus/connector/attestation"
	"github.com/spplus/spplus/rules"
)

// attestationJustificatif renders the label attestation of dossier n from
// its snapshot, dated from the decision, and uploads it to DS; the signed blob id it returns goes with
// dossierAccepter as the decision's justificatif. Rendering is deterministic,
// so a retried acceptance uploads the same bytes.
func (p *pass) attestationJustificatif(ctx context.Context, n int, dossierID string, decided time.Time) (string, error) {
	snap, ok, err := p.snapshot(n)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("dossier %d: no snapshot to draw the attestation from", n)
	}
	a, err := attestation.FromRecord(attestation.Record{
		Demarche: p.dem, Dossier: n, ServiceName: snap.ServiceName,
		GroupeInstructeur: snap.GroupeInstructeur, Level: snap.Level,
		Candidacy: snap.Candidacy, Verdict: snap.Verdict, DecisionDate: rules.NewDate(p.run.pol.today(decided)),
	})
	if err != nil {
		return "", fmt.Errorf("dossier %d: attestation: %w", n, err)
	}
	var pdf bytes.Buffer
	if err := attestation.Render(a, &pdf); err != nil {
		return "", fmt.Errorf("dossier %d: render attestation: %w", n, err)
	}
	name := fmt.Sprintf("attestation-services-publics-plus-%d.pdf", n)
	id, err := p.ds().Upload(ctx, dossierID, name, "application/pdf", pdf.Bytes())
	if err != nil {
		return "", fmt.Errorf("dossier %d: upload attestation: %w", n, err)
	}
	return id, nil
}
