package graphql

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// mutationLog records the mutations a fake server received.
type mutationLog struct {
	mu   sync.Mutex
	reqs []gqlRequest
}

func (m *mutationLog) add(g gqlRequest) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reqs = append(m.reqs, g)
}

func (m *mutationLog) all() []gqlRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]gqlRequest(nil), m.reqs...)
}

func stateOK(name, state string) string {
	return fmt.Sprintf(`{"data":{"%s":{"dossier":{"id":"RG9zc2llci0x","number":1,"state":"%s","archived":false,"dateTraitement":"2026-03-02T10:30:00+01:00","motivation":"ok"},"errors":null}}}`, name, state)
}

func TestStateMutations(t *testing.T) {
	in := TransitionInput{DossierID: "RG9zc2llci0x", InstructeurID: "SW5zdHJ1Y3RldXItMQ==", DisableNotification: true}
	dec := DecisionInput{DossierID: "RG9zc2llci0x", InstructeurID: "SW5zdHJ1Y3RldXItMQ==", Motivation: "Dossier complet", Justificatif: "blob"}
	tests := []struct {
		name      string
		call      func(c *Client) (*DossierState, error)
		wantInput map[string]any
	}{
		{"dossierPasserEnInstruction", func(c *Client) (*DossierState, error) { return c.PasserEnInstruction(context.Background(), in) },
			map[string]any{"dossierId": "RG9zc2llci0x", "instructeurId": "SW5zdHJ1Y3RldXItMQ==", "disableNotification": true}},
		{"dossierRepasserEnConstruction", func(c *Client) (*DossierState, error) { return c.RepasserEnConstruction(context.Background(), in) }, nil},
		{"dossierRepasserEnInstruction", func(c *Client) (*DossierState, error) { return c.RepasserEnInstruction(context.Background(), in) }, nil},
		{"dossierAccepter", func(c *Client) (*DossierState, error) { return c.Accepter(context.Background(), dec) },
			map[string]any{"dossierId": "RG9zc2llci0x", "instructeurId": "SW5zdHJ1Y3RldXItMQ==", "motivation": "Dossier complet", "justificatif": "blob"}},
		{"dossierRefuser", func(c *Client) (*DossierState, error) { return c.Refuser(context.Background(), dec) }, nil},
		{"dossierClasserSansSuite", func(c *Client) (*DossierState, error) { return c.ClasserSansSuite(context.Background(), dec) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log mutationLog
			h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
				log.add(readGQL(t, r))
				writeBody(w, 200, stateOK(tt.name, "accepte"))
			}, nil)
			st, err := tt.call(h.c)
			if err != nil || st.State != "accepte" || st.DateTraitement.IsZero() {
				t.Fatalf("state = %+v, %v", st, err)
			}
			g := log.all()[0]
			if !strings.Contains(g.Query, tt.name+"(input: $input)") || !strings.Contains(g.Query, "errors{message}") {
				t.Errorf("query = %s", g.Query)
			}
			if tt.wantInput != nil && fmt.Sprint(g.Variables["input"]) != fmt.Sprint(tt.wantInput) {
				t.Errorf("input = %v, want %v", g.Variables["input"], tt.wantInput)
			}
		})
	}
}

func TestMutationInputsCheckedBeforeSending(t *testing.T) {
	var n counter
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) { n.inc() }, nil)
	ctx := context.Background()
	errs := []error{
		func() error {
			_, err := h.c.Refuser(ctx, DecisionInput{DossierID: "d", InstructeurID: "i"})
			return err
		}(),
		func() error {
			_, err := h.c.ClasserSansSuite(ctx, DecisionInput{DossierID: "d", InstructeurID: "i"})
			return err
		}(),
		func() error { _, err := h.c.PasserEnInstruction(ctx, TransitionInput{DossierID: "d"}); return err }(),
		func() error {
			_, err := h.c.SendMessage(ctx, SendMessageInput{DossierID: "d", InstructeurID: "i"})
			return err
		}(),
		h.c.AddLabel(ctx, "d", ""),
		h.c.ModifyAnnotations(ctx, "d", "i", []AnnotationValue{IntegerValue("a", 1<<40)}),
		h.c.ModifyAnnotations(ctx, "d", "i", []AnnotationValue{{ID: "a", Kind: "color"}}),
		h.c.ModifyAnnotations(ctx, "d", "i", []AnnotationValue{TextValue("", "x")}),
		func() error { _, err := h.c.Upload(ctx, "d", "", "application/pdf", nil); return err }(),
	}
	for i, err := range errs {
		if err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
	if n.get() != 0 {
		t.Errorf("%d requests sent for invalid inputs", n.get())
	}
}

func TestLabels(t *testing.T) {
	var log mutationLog
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		g := readGQL(t, r)
		log.add(g)
		if g.OperationName == "DossierSupprimerLabel" {
			writeBody(w, 200, `{"data":{"dossierSupprimerLabel":{"label":null,"errors":[{"message":"Ce label n’est pas associé au dossier"}]}}}`)
			return
		}
		writeBody(w, 200, `{"data":{"dossierAjouterLabel":{"label":{"id":"TGFiZWwtMQ==","name":"À revoir"},"errors":null}}}`)
	}, nil)
	if err := h.c.AddLabel(context.Background(), "RG9zc2llci0x", "TGFiZWwtMQ=="); err != nil {
		t.Fatal(err)
	}
	err := h.c.RemoveLabel(context.Background(), "RG9zc2llci0x", "TGFiZWwtMQ==")
	if !errors.Is(err, ErrMutation) {
		t.Fatalf("RemoveLabel err = %v, want a mutation error", err)
	}
	if in := log.all()[0].Variables["input"]; fmt.Sprint(in) != "map[dossierId:RG9zc2llci0x labelId:TGFiZWwtMQ==]" {
		t.Errorf("input = %v", in)
	}
}

func TestSendMessageWithAttachmentAndCorrection(t *testing.T) {
	var log mutationLog
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		log.add(readGQL(t, r))
		writeBody(w, 200, `{"data":{"dossierEnvoyerMessage":{"message":{"id":"Q29tbWVudGFpcmUtMg==","email":"agent@example.gouv.fr","body":"Réf. SP+ 3f9c2a","createdAt":"2026-03-02T10:30:00+01:00"},"errors":null}}}`)
	}, nil)
	_, err := h.c.SendMessage(context.Background(), SendMessageInput{DossierID: "RG9zc2llci0x", InstructeurID: "SW5zdHJ1Y3RldXItMQ==",
		Body: "Réf. SP+ 3f9c2a", Attachment: "signed", Correction: CorrectionIncomplete})
	if err != nil {
		t.Fatal(err)
	}
	in := log.all()[0].Variables["input"].(map[string]any)
	if in["attachment"] != "signed" || in["correction"] != "incomplete" || in["body"] != "Réf. SP+ 3f9c2a" {
		t.Errorf("input = %v", in)
	}
}

func TestModifyAnnotationsBatch(t *testing.T) {
	var log mutationLog
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		log.add(readGQL(t, r))
		writeBody(w, 200, `{"data":{"dossierModifierAnnotations":{"annotations":[{"id":"a1"}],"errors":[{"message":"L‘annotation \"a2\" n’est pas de type attendu"},{"message":"L‘annotation \"a3\" n’existe pas"}]}}}`)
	}, nil)
	paris := time.FixedZone("", 3600)
	values := []AnnotationValue{
		TextValue("a1", "Complet"), CheckboxValue("a2", true), YesNoValue("a3", false),
		DateValue("a4", time.Date(2026, 3, 2, 23, 30, 0, 0, paris)), DatetimeValue("a5", time.Date(2026, 3, 2, 10, 0, 0, 5, paris)),
		IntegerValue("a6", 74), DecimalValue("a7", 74.31), DropDownValue("a8", "or"), MultipleDropDownValue("a9", []string{"x"}),
		TextareaValue("a10", "l1\nl2"),
	}
	err := h.c.ModifyAnnotations(context.Background(), "RG9zc2llci0x", "SW5zdHJ1Y3RldXItMQ==", values)
	var me *MutationError
	if !errors.As(err, &me) || len(me.Messages) != 2 {
		t.Fatalf("err = %v, want a *MutationError with every refusal", err)
	}
	reqs := log.all()
	if len(reqs) != 1 || reqs[0].OperationName != "DossierModifierAnnotations" {
		t.Fatalf("requests = %v", reqs)
	}
	got := fmt.Sprint(reqs[0].Variables["input"].(map[string]any)["annotations"])
	want := "[map[id:a1 value:map[text:Complet]] map[id:a2 value:map[checkbox:true]] map[id:a3 value:map[yesNo:false]] " +
		"map[id:a4 value:map[date:2026-03-02]] map[id:a5 value:map[datetime:2026-03-02T10:00:00+01:00]] " +
		"map[id:a6 value:map[integerNumber:74]] map[id:a7 value:map[decimalNumber:74.31]] map[id:a8 value:map[dropDownList:or]] " +
		"map[id:a9 value:map[multipleDropDownList:[x]]] map[id:a10 value:map[textarea:l1\nl2]]]"
	if got != want {
		t.Errorf("annotations input =\n%s\nwant\n%s", got, want)
	}
}

func TestModifyAnnotationsFallsBackOnOlderServers(t *testing.T) {
	var log mutationLog
	h := newHarness(t, func(w http.ResponseWriter, r *http.Request) {
		g := readGQL(t, r)
		log.add(g)
		switch g.OperationName {
		case "DossierModifierAnnotations":
			writeBody(w, 200, `{"errors":[{"message":"Field 'dossierModifierAnnotations' doesn't exist on type 'Mutation'","extensions":{"code":"undefinedField","typeName":"Mutation","fieldName":"dossierModifierAnnotations"}}]}`)
		case "DossierModifierAnnotationDate":
			writeBody(w, 200, `{"data":{"dossierModifierAnnotationDate":{"annotation":null,"errors":[{"message":"L’annotation \"a2\" n’existe pas"}]}}}`)
		default:
			name := strings.ToLower(g.OperationName[:1]) + g.OperationName[1:]
			writeBody(w, 200, `{"data":{"`+name+`":{"annotation":{"id":"x"},"errors":null}}}`)
		}
	}, nil)
	values := []AnnotationValue{YesNoValue("a1", true), DateValue("a2", t0), TextareaValue("a3", "x"), MultipleDropDownValue("a4", nil)}
	err := h.c.ModifyAnnotations(context.Background(), "RG9zc2llci0x", "SW5zdHJ1Y3RldXItMQ==", values)
	var me *MutationError
	if !errors.As(err, &me) || len(me.Messages) != 2 {
		t.Fatalf("err = %v, want the date refusal and the multiple-list limitation", err)
	}
	if err := h.c.ModifyAnnotations(context.Background(), "RG9zc2llci0x", "SW5zdHJ1Y3RldXItMQ==", values[:1]); err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, g := range log.all() {
		ops = append(ops, g.OperationName)
	}
	want := "[DossierModifierAnnotations DossierModifierAnnotationCheckbox DossierModifierAnnotationDate DossierModifierAnnotationText DossierModifierAnnotationCheckbox]"
	if fmt.Sprint(ops) != want {
		t.Fatalf("operations = %v\nwant %s", ops, want)
	}
	first := log.all()[1].Variables["input"].(map[string]any)
	if first["annotationId"] != "a1" || first["value"] != true {
		t.Errorf("per-type input = %v", first)
	}
}
