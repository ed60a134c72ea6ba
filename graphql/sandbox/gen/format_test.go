package gen

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The types below read the data file as the sandbox will (ARCHITECTURE.md,
// "Sandbox"), independently of the generator's own types.

type dataFile struct {
	Demarches []demarcheData      `json:"demarches"`
	Blobs     map[string]blobData `json:"blobs"`
}

type blobData struct {
	ContentBase64 string `json:"content_base64"`
	ContentType   string `json:"content_type"`
}

type demarcheData struct {
	ID             string `json:"id"`
	Number         int    `json:"number"`
	Title          string `json:"title"`
	State          string `json:"state"`
	ActiveRevision struct {
		ChampDescriptors      []descriptorData `json:"champDescriptors"`
		AnnotationDescriptors []descriptorData `json:"annotationDescriptors"`
	} `json:"activeRevision"`
	GroupeInstructeurs []struct {
		ID           string `json:"id"`
		Number       int    `json:"number"`
		Label        string `json:"label"`
		Instructeurs []struct{ ID, Email string }
	} `json:"groupeInstructeurs"`
	Labels                 []struct{ ID, Name, Color string } `json:"labels"`
	Dossiers               []map[string]any                   `json:"dossiers"`
	DeletedDossiers        []map[string]any                   `json:"deletedDossiers"`
	PendingDeletedDossiers []map[string]any                   `json:"pendingDeletedDossiers"`
}

type descriptorData struct {
	Typename         string           `json:"__typename"`
	ID               string           `json:"id"`
	Label            string           `json:"label"`
	Required         bool             `json:"required"`
	Options          []string         `json:"options"`
	ChampDescriptors []descriptorData `json:"champDescriptors"`
}

func parseData(t *testing.T, b []byte) dataFile {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(top) != 2 || top["demarches"] == nil || top["blobs"] == nil {
		t.Fatalf("top-level keys: want demarches and blobs, got %d keys", len(top))
	}
	var f dataFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("output does not parse as a data file: %v", err)
	}
	if len(f.Demarches) != 1 {
		t.Fatalf("%d démarches, want 1", len(f.Demarches))
	}
	return f
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// TestGenerateDataFile checks the generated file is a sandbox data file:
// the démarche and its descriptors, every dossier with every champ and
// annotation, consistent dates and states, files whose checksums match
// their bytes (API-NOTES §5–§7).
func TestGenerateDataFile(t *testing.T) {
	const n = 150
	out, err := Generate(Options{N: n, Seed: 3, Now: DemoNow()})
	if err != nil {
		t.Fatal(err)
	}
	f := parseData(t, out)
	dm := f.Demarches[0]
	if dm.Number != 1 || dm.ID != b64("Procedure-1") || dm.Title != Title || dm.State != "publiee" {
		t.Errorf("démarche %d %q %q %q", dm.Number, dm.ID, dm.Title, dm.State)
	}
	checkDescriptors(t, dm)
	if len(dm.Dossiers) != n {
		t.Fatalf("%d dossiers, want %d", len(dm.Dossiers), n)
	}
	if len(dm.GroupeInstructeurs) != 2 || len(dm.GroupeInstructeurs[0].Instructeurs) != 3 {
		t.Errorf("groupes instructeurs: %+v", dm.GroupeInstructeurs)
	}
	seen := map[float64]bool{}
	for _, d := range dm.Dossiers {
		num := d["number"].(float64)
		seen[num] = true
		checkDossier(t, fmt.Sprintf("dossier %v", num), d, dm, f.Blobs)
	}
	if !seen[1] {
		t.Error("dossier 1 is missing")
	}
	if len(dm.DeletedDossiers) == 0 {
		t.Error("no deleted dossier")
	}
	for _, d := range dm.DeletedDossiers {
		if seen[d["number"].(float64)] || d["id"] != b64(fmt.Sprintf("DeletedDossier-%v", d["number"])) {
			t.Errorf("deleted dossier %v: %v", d["number"], d)
		}
	}
}

func checkDescriptors(t *testing.T, dm demarcheData) {
	t.Helper()
	var champs, notes int
	for _, d := range Descriptors() {
		if d.Annotation {
			notes++
		} else if d.Parent == "" {
			champs++
		}
	}
	rev := dm.ActiveRevision
	if len(rev.ChampDescriptors) != champs || len(rev.AnnotationDescriptors) != notes {
		t.Errorf("revision has %d champs and %d annotations, want %d and %d",
			len(rev.ChampDescriptors), len(rev.AnnotationDescriptors), champs, notes)
	}
	for _, d := range rev.ChampDescriptors {
		if d.Typename == "RepetitionChampDescriptor" && len(d.ChampDescriptors) != 4 {
			t.Errorf("%s: %d children", d.Label, len(d.ChampDescriptors))
		}
		if d.Typename == "DropDownListChampDescriptor" && len(d.Options) < 2 {
			t.Errorf("%s: options %v", d.Label, d.Options)
		}
	}
}

var dsTimeRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$`)

// dsDate parses a DS datetime, requiring seconds precision and a Paris offset.
func dsDate(t *testing.T, name string, v any) time.Time {
	t.Helper()
	s, ok := v.(string)
	if !ok || !dsTimeRE.MatchString(s) {
		t.Errorf("%s: %v is not a DS datetime", name, v)
		return time.Time{}
	}
	at, _ := time.Parse(time.RFC3339, s)
	return at
}

func checkDossier(t *testing.T, name string, d map[string]any, dm demarcheData, blobs map[string]blobData) {
	t.Helper()
	if d["id"] != b64(fmt.Sprintf("Dossier-%v", d["number"])) {
		t.Errorf("%s: id %v", name, d["id"])
	}
	checkDates(t, name, d)
	checkState(t, name, d)
	byID := map[string]map[string]any{}
	for _, c := range d["champs"].([]any) {
		c := c.(map[string]any)
		byID[c["champDescriptorId"].(string)] = c
		checkChamp(t, name, c, blobs)
	}
	notes := map[string]map[string]any{}
	for _, c := range d["annotations"].([]any) {
		c := c.(map[string]any)
		notes[c["champDescriptorId"].(string)] = c
		checkChamp(t, name, c, blobs)
	}
	for _, desc := range Descriptors() {
		set := byID
		if desc.Annotation {
			set = notes
		}
		c, ok := set[desc.ID()]
		switch {
		case desc.Parent != "":
		case !ok:
			t.Errorf("%s: no champ for %q", name, desc.Label)
		case c["label"] != desc.Label || c["__typename"] != champTypename(desc.Typename):
			t.Errorf("%s: champ %v %v for descriptor %q %s", name, c["label"], c["__typename"], desc.Label, desc.Typename)
		}
	}
	if len(byID) != len(dm.ActiveRevision.ChampDescriptors) {
		t.Errorf("%s: %d champs, want %d", name, len(byID), len(dm.ActiveRevision.ChampDescriptors))
	}
	checkGroupe(t, name, d, dm)
}

func checkDates(t *testing.T, name string, d map[string]any) {
	t.Helper()
	last := dsDate(t, name+" dateDerniereModification", d["dateDerniereModification"])
	for _, k := range []string{"dateDepot", "datePassageEnConstruction", "datePassageEnInstruction", "dateTraitement",
		"dateDerniereModificationChamps", "dateDerniereModificationAnnotations"} {
		if d[k] == nil {
			continue
		}
		if at := dsDate(t, name+" "+k, d[k]); at.After(last) {
			t.Errorf("%s: %s %v after dateDerniereModification %v", name, k, d[k], d["dateDerniereModification"])
		}
	}
	for _, m := range d["messages"].([]any) {
		if at := dsDate(t, name+" message", m.(map[string]any)["createdAt"]); at.After(last) {
			t.Errorf("%s: message at %v after the last modification", name, at)
		}
	}
	if at := dsDate(t, name, d["dateDepot"]); !at.Before(DemoNow()) {
		t.Errorf("%s: deposit %v is not in the past", name, at)
	}
}

func checkState(t *testing.T, name string, d map[string]any) {
	t.Helper()
	state := d["state"].(string)
	instructing := d["datePassageEnInstruction"] != nil
	if (len(d["instructeurs"].([]any)) > 0) != instructing {
		t.Errorf("%s: instructeurs %v but datePassageEnInstruction %v", name, d["instructeurs"], d["datePassageEnInstruction"])
	}
	if (d["dateExpiration"] == nil) != (state == "en_instruction") {
		t.Errorf("%s: state %s, dateExpiration %v", name, state, d["dateExpiration"])
	}
	decided := state == "accepte" || state == "refuse" || state == "sans_suite"
	if decided != (d["dateTraitement"] != nil) || decided != (d["motivation"] != nil) {
		t.Errorf("%s: state %s, dateTraitement %v, motivation %v", name, state, d["dateTraitement"], d["motivation"])
	}
	ts := d["traitements"].([]any)
	if ts[0].(map[string]any)["event"] != "depose" || ts[len(ts)-1].(map[string]any)["state"] != state {
		t.Errorf("%s: state %s, traitements %v", name, state, ts)
	}
	ms := d["messages"].([]any)
	if m := ms[0].(map[string]any); m["email"] != contactEmail || !strings.Contains(m["body"].(string), "déposé") {
		t.Errorf("%s: first message %v", name, m)
	}
}

func checkGroupe(t *testing.T, name string, d map[string]any, dm demarcheData) {
	t.Helper()
	g := d["groupeInstructeur"].(map[string]any)
	for _, dg := range dm.GroupeInstructeurs {
		if dg.ID == g["id"] && dg.Label == g["label"] && float64(dg.Number) == g["number"] {
			return
		}
	}
	t.Errorf("%s: groupe instructeur %v is not the démarche's", name, g)
}

// typedFields lists the value fields each champ type must carry.
func typedFields() map[string][]string {
	return map[string][]string{
		"TextChamp": {"value"}, "DropDownListChamp": {"value"}, "DateChamp": {"date", "value"},
		"DatetimeChamp": {"datetime"}, "IntegerNumberChamp": {"value"}, "DecimalNumberChamp": {"value"},
		"YesNoChamp": {"value"}, "CheckboxChamp": {"value"}, "PieceJustificativeChamp": {"files"},
		"RepetitionChamp": {"rows"}, "DepartementChamp": {"departement"}, "AddressChamp": {"address", "commune", "departement"},
	}
}

func checkChamp(t *testing.T, name string, c map[string]any, blobs map[string]blobData) {
	t.Helper()
	where := fmt.Sprintf("%s champ %q", name, c["label"])
	for _, k := range []string{"__typename", "id", "champDescriptorId", "label", "stringValue", "updatedAt", "prefilled", "columns"} {
		if _, ok := c[k]; !ok {
			t.Errorf("%s: no %s", where, k)
		}
	}
	dsDate(t, where+" updatedAt", c["updatedAt"])
	fields, ok := typedFields()[c["__typename"].(string)]
	if !ok {
		t.Errorf("%s: unexpected type %v", where, c["__typename"])
	}
	for _, k := range fields {
		if _, ok := c[k]; !ok {
			t.Errorf("%s: no %s", where, k)
		}
	}
	if v, ok := c["value"].(string); ok && c["__typename"] == "IntegerNumberChamp" {
		if _, err := strconv.Atoi(v); err != nil {
			t.Errorf("%s: BigInt %q", where, v)
		}
	}
	if files, ok := c["files"].([]any); ok {
		for _, f := range files {
			checkFile(t, where, f.(map[string]any), blobs)
		}
	}
	if rows, ok := c["rows"].([]any); ok {
		checkRows(t, where, rows, blobs)
	}
}

func checkFile(t *testing.T, where string, f map[string]any, blobs map[string]blobData) {
	t.Helper()
	url := f["url"].(string)
	b, ok := blobs[strings.TrimPrefix(url, "sandbox-blob:")]
	if !ok || !strings.HasPrefix(url, "sandbox-blob:") {
		t.Errorf("%s: file %v: no blob %q", where, f["filename"], url)
		return
	}
	data, err := base64.StdEncoding.DecodeString(b.ContentBase64)
	if err != nil {
		t.Fatalf("%s: blob %s: %v", where, url, err)
	}
	sum := md5.Sum(data)
	switch {
	case f["checksum"] != base64.StdEncoding.EncodeToString(sum[:]):
		t.Errorf("%s: file %v: checksum %v does not match its bytes", where, f["filename"], f["checksum"])
	case f["byteSize"] != float64(len(data)) || f["byteSizeBigInt"] != strconv.Itoa(len(data)):
		t.Errorf("%s: file %v: size %v/%v, bytes %d", where, f["filename"], f["byteSize"], f["byteSizeBigInt"], len(data))
	case f["contentType"] != b.ContentType || f["__typename"] != "File":
		t.Errorf("%s: file %v: content type %v, blob %v", where, f["filename"], f["contentType"], b.ContentType)
	case f["virusScanResult"] != "safe" && f["virusScanResult"] != "pending":
		t.Errorf("%s: file %v: scan %v", where, f["filename"], f["virusScanResult"])
	}
}

var rowIDRE = regexp.MustCompile(`^Row-[0-9A-HJKMNP-TV-Z]{26}$`)

func checkRows(t *testing.T, where string, rows []any, blobs map[string]blobData) {
	t.Helper()
	for _, r := range rows {
		r := r.(map[string]any)
		raw, _ := base64.StdEncoding.DecodeString(r["id"].(string))
		if !rowIDRE.Match(raw) {
			t.Errorf("%s: row id %q", where, raw)
		}
		ulid := strings.TrimPrefix(string(raw), "Row-")
		for _, c := range r["champs"].([]any) {
			c := c.(map[string]any)
			id, _ := base64.StdEncoding.DecodeString(c["id"].(string))
			if !bytes.HasSuffix(id, []byte("|"+ulid)) || !bytes.HasPrefix(id, []byte("Champ-")) {
				t.Errorf("%s: row champ id %q", where, id)
			}
			checkChamp(t, where, c, blobs)
		}
	}
}

// TestGenerateDeterministic: same options, same bytes; another seed,
// other bytes (the doc's promise).
func TestGenerateDeterministic(t *testing.T) {
	opts := Options{N: 60, Seed: 12, Now: DemoNow()}
	a, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	opts.Seed++
	c, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) {
		t.Fatal("seeds 12 and 13 give the same file")
	}
}

// TestGenerateOptions covers defaults and the errors of bad options.
func TestGenerateOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		err  string
	}{
		{"negative N", Options{N: -1}, "expected 0 to"},
		{"huge N", Options{N: MaxDossiers + 1}, "expected 0 to"},
		{"negative démarche", Options{N: 1, Demarche: -2}, "expected a positive number"},
	} {
		if _, err := Generate(tc.opts); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
		}
	}
	out, err := Generate(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f := parseData(t, out); len(f.Demarches[0].Dossiers) != 0 || len(f.Blobs) != 0 {
		t.Errorf("N=0: %d dossiers, %d blobs", len(f.Demarches[0].Dossiers), len(f.Blobs))
	}
	out, err = Generate(Options{N: 3, Seed: 1, Demarche: 7})
	if err != nil {
		t.Fatal(err)
	}
	dm := parseData(t, out).Demarches[0]
	if dm.Number != 7 || dm.ID != b64("Procedure-7") || dm.GroupeInstructeurs[0].Number != 13 {
		t.Errorf("démarche 7: number %d, id %s, first groupe %d", dm.Number, dm.ID, dm.GroupeInstructeurs[0].Number)
	}
}
