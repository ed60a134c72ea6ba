package graphql

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// pagedServer serves dossiers 1..total in pages of size, with cursors "c<n>".
func pagedServer(t *testing.T, total, size int, seen *[]gqlRequest, date string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		g := readGQL(t, r)
		*seen = append(*seen, g)
		start := 0
		if after, ok := g.Variables["after"].(string); ok {
			_, _ = fmt.Sscanf(after, "c%d", &start)
		}
		var nodes []string
		for n := start + 1; n <= min(total, start+size); n++ {
			nodes = append(nodes, dossierJSON(n))
		}
		end := min(total, start+size)
		if date != "" {
			w.Header().Set("Date", date)
		}
		cursor := ""
		if len(nodes) > 0 {
			cursor = fmt.Sprintf("c%d", end)
		}
		writeBody(w, 200, pageJSON(nodes, end < total, cursor, ""))
	}
}

func TestDossierPagesReadsEveryPage(t *testing.T) {
	var seen []gqlRequest
	date := "Mon, 02 Mar 2026 09:29:58 GMT"
	h := newHarness(t, pagedServer(t, 7, 3, &seen, date), nil)
	since := time.Date(2026, 3, 1, 12, 0, 0, 999, time.FixedZone("", 3600))
	var numbers []int
	var cursors []string
	for page, err := range h.c.DossierPages(context.Background(), 5, &since, "") {
		if err != nil {
			t.Fatal(err)
		}
		if page.Err != nil || len(page.Failed) > 0 {
			t.Fatalf("unexpected partial page: %v", page.Err)
		}
		if want, _ := http.ParseTime(date); !page.ServerTime.Equal(want) {
			t.Errorf("ServerTime = %v, want %v", page.ServerTime, want)
		}
		for _, d := range page.Dossiers {
			numbers = append(numbers, d.Number)
		}
		cursors = append(cursors, page.EndCursor)
	}
	if fmt.Sprint(numbers) != "[1 2 3 4 5 6 7]" || fmt.Sprint(cursors) != "[c3 c6 c7]" {
		t.Fatalf("numbers %v cursors %v", numbers, cursors)
	}
	v := seen[0].Variables
	if v["demarche"] != float64(5) || v["first"] != float64(PageSize) || v["after"] != nil || v["updatedSince"] != "2026-03-01T12:00:00+01:00" {
		t.Errorf("first page variables = %v", v)
	}
	if seen[1].Variables["after"] != "c3" || seen[0].OperationName != opDossiersPage {
		t.Errorf("second page variables = %v", seen[1].Variables)
	}
}

func TestDossierPagesStopsWhenTheLoopBreaks(t *testing.T) {
	var seen []gqlRequest
	h := newHarness(t, pagedServer(t, 10, 2, &seen, ""), nil)
	for page, err := range h.c.DossierPages(context.Background(), 1, nil, "c4") {
		if err != nil || page.Dossiers[0].Number != 5 {
			t.Fatalf("page %+v, err %v", page, err)
		}
		break
	}
	if len(seen) != 1 || seen[0].Variables["updatedSince"] != nil {
		t.Fatalf("%d requests (%v), want 1 without updatedSince", len(seen), seen)
	}
}

func TestDossierPagesKeepsTheCursorOnAnEmptyPage(t *testing.T) {
	var seen []gqlRequest
	h := newHarness(t, pagedServer(t, 4, 2, &seen, ""), nil)
	for page, err := range h.c.DossierPages(context.Background(), 1, nil, "c4") {
		if err != nil || len(page.Dossiers) != 0 || page.EndCursor != "c4" || page.HasNextPage {
			t.Fatalf("page %+v, err %v; want empty, cursor c4 kept", page, err)
		}
	}
}

func TestDossierPagePartialDataIsKept(t *testing.T) {
	errs := `[{"message":"Cannot return null for non-nullable field Commune.code","path":["demarche","dossiers","nodes",1,"champs",3,"commune","code"],"extensions":{"code":"invalid_null"}},
	           {"message":"Timeout on Dossier.champs","path":["demarche","dossiers","nodes",3,"champs"],"extensions":{"code":"timeout"}}]`
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		g := readGQL(t, r)
		if g.OperationName == opDossierNumbers {
			writeBody(w, 200, `{"data":{"demarche":{"dossiers":{"nodes":[{"number":10},{"number":11},{"number":12},{"number":13}]}}}}`)
			return
		}
		nodes := []string{dossierJSON(10), "null", dossierJSON(12), dossierJSON(13)}
		writeBody(w, 200, pageJSON(nodes, false, "c13", errs))
	}, nil)
	var pages []*DossierPage
	for page, err := range h.c.DossierPages(context.Background(), 1, nil, "") {
		if err != nil {
			t.Fatalf("page lost: %v", err)
		}
		pages = append(pages, page)
	}
	p := pages[0]
	if len(p.Dossiers) != 2 || p.Dossiers[0].Number != 10 || p.Dossiers[1].Number != 12 {
		t.Fatalf("dossiers kept = %+v", p.Dossiers)
	}
	if len(p.Failed) != 2 || p.Failed[0].Index != 1 || p.Failed[0].Number != 11 || p.Failed[1].Index != 3 || p.Failed[1].Number != 13 {
		t.Fatalf("failed = %+v", p.Failed)
	}
	var partial *PartialError
	var gqlErr *GraphQLError
	if !errors.As(p.Err, &partial) || !errors.As(p.Failed[0].Err, &gqlErr) || gqlErr.Code != "invalid_null" || gqlErr.NodeIndex("nodes") != 1 {
		t.Fatalf("page.Err = %v, node error %+v", p.Err, gqlErr)
	}
	if p.EndCursor != "c13" {
		t.Errorf("EndCursor = %q", p.EndCursor)
	}
}

func TestDossierPageLostWhenTheFrameFails(t *testing.T) {
	tests := []struct {
		name string
		body string
		want error
	}{
		{"demarche hidden", `{"data":null,"errors":[{"message":"An object of type Demarche was hidden due to permissions","path":["demarche"],"extensions":{"code":"unauthorized"}}]}`, ErrForbidden},
		{"error outside the nodes", pageJSON([]string{dossierJSON(1)}, false, "c1", `[{"message":"boom","path":["demarche","dossiers","pageInfo"]}]`), ErrGraphQL},
		{"no pageInfo", `{"data":{"demarche":{"dossiers":{"nodes":[]}}}}`, ErrMalformed},
		{"hasNextPage without cursor", pageJSON(nil, true, "", ""), ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, func(w http.ResponseWriter, r *http.Request) { writeBody(w, 200, tt.body) }, nil)
			var got error
			for _, err := range h.c.DossierPages(context.Background(), 1, nil, "") {
				got = err
			}
			if !errors.Is(got, tt.want) {
				t.Fatalf("err = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDeletedDossiersPagesThrough(t *testing.T) {
	var seen []gqlRequest
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		g := readGQL(t, r)
		seen = append(seen, g)
		conn := map[string]string{opDeleted: "deletedDossiers", opPendingDeleted: "pendingDeletedDossiers"}[g.OperationName]
		if g.Variables["after"] == nil {
			writeBody(w, 200, `{"data":{"demarche":{"`+conn+`":{"pageInfo":{"hasNextPage":true,"endCursor":"d1"},"nodes":[{"id":"RGVsZXRlZERvc3NpZXItMQ==","number":12,"state":"accepte","reason":"user_request","dateSupression":"2026-03-01T10:00:00+01:00"},null]}}}}`)
			return
		}
		writeBody(w, 200, `{"data":{"demarche":{"`+conn+`":{"pageInfo":{"hasNextPage":false,"endCursor":"d2"},"nodes":[{"id":"RGVsZXRlZERvc3NpZXItMg==","number":13,"state":"refuse","reason":"expired","dateSupression":"2026-03-01T11:00:00+01:00"}]}}}}`)
	}, nil)
	since := t0.Add(-24 * time.Hour)
	list, err := h.c.DeletedDossiers(context.Background(), 3, &since)
	if err != nil || len(list) != 2 || list[0].Number != 12 || list[1].Reason != "expired" || list[0].DateSupression.IsZero() {
		t.Fatalf("DeletedDossiers = %+v, %v", list, err)
	}
	if seen[0].Variables["since"] != "2026-03-01T09:30:00Z" || seen[1].Variables["after"] != "d1" {
		t.Errorf("variables = %v then %v", seen[0].Variables, seen[1].Variables)
	}
	pending, err := h.c.PendingDeletedDossiers(context.Background(), 3, nil)
	if err != nil || len(pending) != 2 || seen[2].OperationName != opPendingDeleted || seen[2].Variables["since"] != nil {
		t.Fatalf("PendingDeletedDossiers = %+v, %v (%v)", pending, err, seen[2])
	}
}

func TestDemarcheReadsDescriptorsGroupsAndLabels(t *testing.T) {
	body := `{"data":{"demarche":{"id":"UHJvY2VkdXJlLTE=","number":1,"title":"Label SP+","state":"publiee",
	 "activeRevision":{"id":"UHJvY2VkdXJlUmV2aXNpb24tMQ==","datePublication":"2026-01-05T10:00:00+01:00",
	  "champDescriptors":[
	   {"__typename":"DropDownListChampDescriptor","id":"Q2hhbXAtMg==","label":"Type","description":null,"required":true,"options":["local","central"],"otherOption":false},
	   {"__typename":"MultipleDropDownListChampDescriptor","id":"Q2hhbXAtOQ==","label":"Canaux","description":"d","required":false,"multipleOptions":["a","b","c"]},
	   {"__typename":"RepetitionChampDescriptor","id":"Q2hhbXAtMTM=","label":"Sites","required":false,"champDescriptors":[{"__typename":"TextChampDescriptor","id":"Q2hhbXAtMTQ=","label":"Site","required":true}]}],
	  "annotationDescriptors":[{"__typename":"YesNoChampDescriptor","id":"Q2hhbXAtMjA=","label":"Complet","required":false}]},
	 "groupeInstructeurs":[{"id":"R3JvdXBlLTE=","number":1,"label":"défaut","closed":false,"instructeurs":[{"id":"SW5zdHJ1Y3RldXItMQ==","email":"agent@example.gouv.fr"}]}],
	 "labels":[{"id":"TGFiZWwtMQ==","name":"À revoir","color":"yellow_tournesol"}]}}}`
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) { writeBody(w, 200, body) }, nil)
	d, err := h.c.Demarche(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	cd := d.Revision.ChampDescriptors
	if len(cd) != 3 || len(cd[0].Options) != 2 || len(cd[1].Options) != 3 || cd[1].Description != "d" ||
		len(cd[2].Children) != 1 || cd[2].Children[0].ID != "Q2hhbXAtMTQ=" || !cd[2].Children[0].Required {
		t.Errorf("descriptors = %+v", cd)
	}
	if len(d.Revision.AnnotationDescriptors) != 1 || d.Revision.DatePublication.IsZero() {
		t.Errorf("revision = %+v", d.Revision)
	}
	if len(d.GroupeInstructeurs) != 1 || d.GroupeInstructeurs[0].Instructeurs[0].Email != "agent@example.gouv.fr" ||
		len(d.Labels) != 1 || d.Labels[0].Color != "yellow_tournesol" {
		t.Errorf("groups %+v labels %+v", d.GroupeInstructeurs, d.Labels)
	}
}

func TestDossierPageNamesNulledNodesFromEdgeCursors(t *testing.T) {
	cursor := func(n int) string {
		return base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("2026-03-01T09:00:00.123456789Z;%d", n)))
	}
	var n counter
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		n.inc()
		body := fmt.Sprintf(`{"data":{"demarche":{"dossiers":{"pageInfo":{"hasNextPage":false,"endCursor":%q},
			"edges":[{"cursor":%q},{"cursor":%q}],"nodes":[null,%s]}}},
			"errors":[{"message":"Cannot return null","path":["demarche","dossiers","nodes",0,"demandeur","siegeSocial"],"extensions":{"code":"invalid_null"}}]}`,
			cursor(8), cursor(7), cursor(8), dossierJSON(8))
		writeBody(w, 200, body)
	}, nil)
	for p, err := range h.c.DossierPages(context.Background(), 1, nil, "") {
		if err != nil || len(p.Failed) != 1 || p.Failed[0].Number != 7 || len(p.Dossiers) != 1 {
			t.Fatalf("page %+v, err %v", p, err)
		}
	}
	if n.get() != 1 {
		t.Errorf("%d requests, want 1 (no light query needed)", n.get())
	}
}

func TestNumberFromCursor(t *testing.T) {
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		cursor string
		want   int
	}{
		{enc("2026-03-01T09:00:00.123456789Z;4242"), 4242},
		{base64.URLEncoding.EncodeToString([]byte("2026-03-01T09:00:00Z;7")), 7},
		{enc("2026-03-01T09:00:00Z"), 0},
		{enc("x;-3"), 0},
		{"!!!", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := numberFromCursor(tt.cursor); got != tt.want {
			t.Errorf("numberFromCursor(%q) = %d, want %d", tt.cursor, got, tt.want)
		}
	}
}

func TestDeletionsReadsBothListsInOneRequest(t *testing.T) {
	var log mutationLog
	node := func(n int) string {
		return fmt.Sprintf(`{"id":"x%d","number":%d,"state":"accepte","reason":"expired","dateSupression":"2026-03-01T10:00:00+01:00"}`, n, n)
	}
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		g := readGQL(t, r)
		log.add(g)
		switch g.OperationName {
		case opDeletions:
			writeBody(w, 200, `{"data":{"demarche":{"deletedDossiers":{"pageInfo":{"hasNextPage":false,"endCursor":"d1"},"nodes":[`+node(1)+`]},
				"pendingDeletedDossiers":{"pageInfo":{"hasNextPage":true,"endCursor":"p1"},"nodes":[`+node(2)+`]}}}}`)
		case opPendingDeleted:
			writeBody(w, 200, `{"data":{"demarche":{"pendingDeletedDossiers":{"pageInfo":{"hasNextPage":false,"endCursor":"p2"},"nodes":[`+node(3)+`]}}}}`)
		default:
			t.Errorf("unexpected operation %s", g.OperationName)
		}
	}, nil)
	got, err := h.c.Deletions(context.Background(), 1, nil)
	if err != nil || len(got.Deleted) != 1 || len(got.Pending) != 2 || got.Pending[1].Number != 3 {
		t.Fatalf("Deletions = %+v, %v", got, err)
	}
	reqs := log.all()
	if len(reqs) != 2 || reqs[1].Variables["after"] != "p1" {
		t.Errorf("requests = %+v", reqs)
	}
}
