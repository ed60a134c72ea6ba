package main

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spplus/spplus/connector/attestation"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/rules"
)

const attestationSynopsis = "N --out FILE.pdf [--config FILE] [--demarche N] [--decision-date YYYY-MM-DD] [--site TEXT]... [--json]\n" +
	"       spplus attestation --json-input FILE.json --out FILE.pdf [--json]\n\n" +
	"Renders the label attestation (PDF) of accepted dossier N from the store, or of the\n" +
	"attestation described by a JSON file (shape: go doc ./connector/attestation)."

// attestationResult is what `spplus attestation --json` prints.
type attestationResult struct {
	Out          string `json:"out"`
	Reference    string `json:"reference"`
	Demarche     int    `json:"demarche"`
	Dossier      int    `json:"dossier"`
	ServiceName  string `json:"service_name"`
	Level        string `json:"level"`
	Central      bool   `json:"central"`
	Locals       int    `json:"locals"`
	DecisionDate string `json:"decision_date"`
	ValidUntil   string `json:"valid_until"`
	Bytes        int    `json:"bytes"`
	// Checksum is the base64 MD5 of the PDF, as DS shows a File's checksum.
	Checksum string `json:"checksum"`
}

// attestationFlags are the options of the attestation command.
type attestationFlags struct {
	out, config, input, decision string
	demarche                     int
	sites                        siteList
	asJSON                       bool
}

// runAttestation renders the label attestation of one dossier, offline. It
// exits 0 when the PDF is written, 1 when the dossier has no attestation
// (not labelled) or the store or the file cannot be used, 2 on a usage or
// input error (unknown dossier, invalid JSON input).
func runAttestation(_ context.Context, env *cliEnv, args []string) int {
	fs := newFlagSet(env, "attestation", attestationSynopsis)
	var f attestationFlags
	fs.StringVar(&f.out, "out", "", "write the PDF to FILE (required)")
	fs.StringVar(&f.config, "config", "", "configuration file (the store is read from it)")
	fs.StringVar(&f.input, "json-input", "", "render the attestation described by this JSON file instead of the store's dossier")
	fs.IntVar(&f.demarche, "demarche", 0, "démarche of dossier N (default: the démarche of the store holding it)")
	fs.StringVar(&f.decision, "decision-date", "", "date of the decision to accept, YYYY-MM-DD (default: today in Europe/Paris)")
	fs.Var(&f.sites, "site", "a site covered by the label; repeat for each site")
	fs.BoolVar(&f.asJSON, "json", false, "print what was written as JSON")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	if err := f.check(pos); err != nil {
		fmt.Fprintf(env.stderr, "spplus attestation: %v\n", err)
		fs.Usage()
		return exitUsage
	}
	a, code, err := f.attestation(env, pos)
	if err != nil {
		fmt.Fprintf(env.stderr, "spplus attestation: %v\n", err)
		return code
	}
	if !a.Central && len(a.Sites) == 0 {
		fmt.Fprintln(env.stderr, "spplus attestation: no site given: the attestation states that it covers the service's own site")
	}
	return writeAttestation(env, a, f.out, f.asJSON)
}

// check rejects inconsistent arguments before anything is read.
func (f *attestationFlags) check(pos []string) error {
	switch {
	case f.out == "":
		return errors.New("--out FILE.pdf is required")
	case len(pos) > 1:
		return fmt.Errorf("expected one dossier number, got %d arguments", len(pos))
	case f.input == "" && len(pos) == 0:
		return errors.New("expected the dossier number N, or --json-input FILE")
	case f.input != "" && (f.config != "" || f.demarche != 0 || f.decision != "" || len(f.sites) > 0):
		return errors.New("--json-input FILE holds the whole attestation: --config, --demarche, --decision-date and --site apply to the store only")
	case f.demarche < 0:
		return fmt.Errorf("--demarche: expected a démarche number, got %d", f.demarche)
	}
	if len(pos) == 1 {
		if n, err := strconv.Atoi(pos[0]); err != nil || n <= 0 {
			return fmt.Errorf("dossier number: expected a positive integer, got %q", pos[0])
		}
	}
	return nil
}

// attestation builds the attestation from the JSON input or the store, and
// the exit status of a failure.
func (f *attestationFlags) attestation(env *cliEnv, pos []string) (attestation.Attestation, int, error) {
	var n int
	if len(pos) == 1 {
		n, _ = strconv.Atoi(pos[0]) // checked by check
	}
	if f.input != "" {
		a, err := attestationFromJSON(f.input, n)
		return a, exitUsage, err
	}
	decision, err := attestationDecision(f.decision, time.Now)
	if err != nil {
		return attestation.Attestation{}, exitUsage, fmt.Errorf("--decision-date: %w", err)
	}
	return attestationFromStore(env, f, n, decision)
}

// attestationFromJSON reads the JSON input; a dossier number given on the
// command line must agree with it.
func attestationFromJSON(path string, n int) (attestation.Attestation, error) {
	file, err := os.Open(path)
	if err != nil {
		return attestation.Attestation{}, fmt.Errorf("read JSON input: %w", err)
	}
	defer file.Close()
	a, err := attestation.DecodeInput(file)
	if err != nil {
		return a, fmt.Errorf("%s: %w", path, err)
	}
	if n != 0 && n != a.Dossier {
		return a, fmt.Errorf("%s describes dossier %d, not dossier %d", path, a.Dossier, n)
	}
	return a, nil
}

// attestationDecision reads --decision-date, or takes today's date in Paris.
func attestationDecision(s string, now func() time.Time) (rules.Date, error) {
	if s != "" {
		return rules.ParseDate(s)
	}
	y, m, d := now().In(parisLocation()).Date()
	return rules.NewDate(y, m, d), nil
}

// attestationFromStore reads dossier n from the store, read-only.
func attestationFromStore(env *cliEnv, f *attestationFlags, n int, decision rules.Date) (attestation.Attestation, int, error) {
	cfg, err := loadConfig(env, f.config)
	if err != nil {
		return attestation.Attestation{}, exitUsage, err
	}
	st, err := openStore(cfg, true)
	if err != nil {
		return attestation.Attestation{}, exitFailed, err
	}
	defer st.Close()
	dem, snap, code, err := attestationSnapshot(st, n, f.demarche)
	if err != nil {
		return attestation.Attestation{}, code, err
	}
	if snap.Deleted {
		return attestation.Attestation{}, exitFailed, fmt.Errorf("dossier %d of démarche %d was deleted on Démarche Numérique", n, dem)
	}
	a, err := attestation.FromRecord(attestation.Record{Demarche: dem, Dossier: n, ServiceName: snap.ServiceName,
		GroupeInstructeur: snap.GroupeInstructeur, Level: snap.Level, Candidacy: snap.Candidacy,
		Verdict: snap.Verdict, DecisionDate: decision, Sites: f.sites})
	if err != nil {
		return a, exitFailed, err
	}
	return a, exitOK, nil
}

// attestationSnapshot finds dossier n in démarche dem, or in whichever démarche of
// the store holds it when dem is 0.
func attestationSnapshot(st *store.Store, n, dem int) (int, store.Snapshot, int, error) {
	dems := []int{dem}
	if dem == 0 {
		var err error
		if dems, err = st.Demarches(); err != nil {
			return 0, store.Snapshot{}, exitFailed, err
		}
	}
	var found []int
	var snap store.Snapshot
	for _, d := range dems {
		s, err := st.Snapshot(d, n)
		switch {
		case errors.Is(err, store.ErrNotFound):
			continue
		case err != nil:
			return 0, store.Snapshot{}, exitFailed, err
		}
		found, snap = append(found, d), s
	}
	switch len(found) {
	case 0:
		return 0, snap, exitUsage, fmt.Errorf("dossier %d is not in the store %s (run spplus sync first)", n, st.Path())
	case 1:
		return found[0], snap, exitOK, nil
	}
	return 0, snap, exitUsage, fmt.Errorf("dossier %d is in démarches %v: choose one with --demarche", n, found)
}

// writeAttestation renders a, writes it to path and reports what it wrote.
func writeAttestation(env *cliEnv, a attestation.Attestation, path string, asJSON bool) int {
	var pdf bytes.Buffer
	if err := attestation.Render(a, &pdf); err != nil {
		fmt.Fprintf(env.stderr, "spplus attestation: %v\n", err)
		return exitFailed
	}
	if err := writeAttestationFile(path, pdf.Bytes()); err != nil {
		fmt.Fprintf(env.stderr, "spplus attestation: %v\n", err)
		return exitFailed
	}
	res := attestationResultOf(a, path, pdf.Bytes())
	if asJSON {
		return printJSON(env, res)
	}
	printAttestationText(env.stdout, res)
	return exitOK
}

func attestationResultOf(a attestation.Attestation, path string, pdf []byte) attestationResult {
	sum := md5.Sum(pdf)
	return attestationResult{Out: path, Reference: a.Ref(), Demarche: a.Demarche, Dossier: a.Dossier,
		ServiceName: a.ServiceName, Level: string(a.Level), Central: a.Central, Locals: len(a.Locals),
		DecisionDate: a.DecisionDate.String(), ValidUntil: attestation.ValidUntil(a.DecisionDate).String(),
		Bytes: len(pdf), Checksum: base64.StdEncoding.EncodeToString(sum[:])}
}

func printAttestationText(w io.Writer, r attestationResult) {
	decision, _ := rules.ParseDate(r.DecisionDate)
	until, _ := rules.ParseDate(r.ValidUntil)
	level, _ := rules.ParseLevel(r.Level)
	fmt.Fprintf(w, "Attestation %s écrite dans %s (%d octets)\n", r.Reference, r.Out, r.Bytes)
	fmt.Fprintf(w, "  %s — palier %s, valable du %s au %s\n", r.ServiceName, level.French(), decision.French(), until.French())
	if r.Central {
		fmt.Fprintf(w, "  Services publics locaux labellisés : %d\n", r.Locals)
	}
}

// writeAttestationFile writes data to path through a temporary file in the same
// directory, so that path never holds half a PDF.
func writeAttestationFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".attestation-*.pdf")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// siteList is the repeatable --site flag; each use adds one site.
type siteList []string

func (l *siteList) String() string { return strings.Join(*l, ", ") }

func (l *siteList) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("expected a non-empty value")
	}
	*l = append(*l, s)
	return nil
}

var _ flag.Value = (*siteList)(nil)
