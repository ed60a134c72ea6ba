package graphql

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// schemaFiles are the copies of the DS schema: the sandbox's embedded one
// (descriptions stripped) and this package's unmodified copy of
// shared/ds/schema.graphql. Each one present is checked.
var schemaFiles = []string{"sandbox/schema/ds.graphql", "testdata/ds-schema.graphql"}

// loadSchemas loads every DS schema copy present; at least one must be.
func loadSchemas(t *testing.T) map[string]*ast.Schema {
	t.Helper()
	out := map[string]*ast.Schema{}
	for _, p := range schemaFiles {
		raw, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		s, gerr := gqlparser.LoadSchema(&ast.Source{Name: p, Input: string(raw)})
		if gerr != nil {
			t.Fatalf("load the DS schema %s: %v", p, gerr)
		}
		out[p] = s
	}
	if len(out) == 0 {
		t.Fatalf("no DS schema found among %v", schemaFiles)
	}
	return out
}

// TestEveryDocumentValidatesAgainstTheDSSchema is the contract test: every
// operation the client can send passes gqlparser's strict validation.
func TestEveryDocumentValidatesAgainstTheDSSchema(t *testing.T) {
	docs, err := buildDocuments()
	if err != nil {
		t.Fatal(err)
	}
	all := docs.all()
	want := 7 + len(stateMutations) + len(singleAnnotationMutations) + 5
	if len(all) != want {
		t.Errorf("%d documents, want %d", len(all), want)
	}
	for file, schema := range loadSchemas(t) {
		for name, text := range all {
			if _, errs := gqlparser.LoadQuery(schema, text); errs != nil {
				t.Errorf("%s: %s does not validate: %v\n%s", file, name, errs, text)
			}
		}
	}
}

// TestStrictValidationRejectsUnaliasedValues proves the contract test would
// catch a selection that reads `value` with two scalar types.
func TestStrictValidationRejectsUnaliasedValues(t *testing.T) {
	bad := `query { dossier(number: 1) { champs { ... on CheckboxChamp { value } ... on TextChamp { value } } } }`
	for file, schema := range loadSchemas(t) {
		if _, errs := gqlparser.LoadQuery(schema, bad); errs == nil {
			t.Errorf("%s: unaliased value on CheckboxChamp and TextChamp validated", file)
		}
	}
}

// TestChampSelectionNamesEveryFragmentAndAliasesValue checks the champ
// selection once: each fragment the connector relies on is named, and every
// `value` is aliased.
func TestChampSelectionNamesEveryFragmentAndAliasesValue(t *testing.T) {
	docs, err := buildDocuments()
	if err != nil {
		t.Fatal(err)
	}
	q := docs.queries[opDossier]
	wantParts := []string{
		"champs{__typename,id,champDescriptorId,label,stringValue,",
		"... on TextChamp{text: value}",
		"... on DropDownListChamp{choice: value}",
		"... on CheckboxChamp{checked: value}",
		"... on YesNoChamp{yesNo: value}",
		"... on DateChamp{date}",
		"... on DatetimeChamp{datetime}",
		"... on IntegerNumberChamp{integerNumber: value}",
		"... on DecimalNumberChamp{decimalNumber: value}",
		"... on MultipleDropDownListChamp{values}",
		"... on PieceJustificativeChamp{files{filename,url,byteSizeBigInt,checksum,contentType,virusScanResult,createdAt}}",
		"... on AddressChamp{address{",
		"... on DepartementChamp{departement{code,name}}",
		"... on RepetitionChamp{rows{id,champs{__typename,",
		"demandeur{__typename,... on PersonneMorale{siret},... on PersonnePhysique{nom,prenom}}",
		"messages{id,email,body,createdAt}",
		"traitements{state,dateTraitement}",
		"groupeInstructeur{id,number,label}",
	}
	for _, p := range wantParts {
		if !strings.Contains(q, p) {
			t.Errorf("dossier query lacks %q", p)
		}
	}
	if unaliased := regexp.MustCompile(`[{,]value[,}]`).FindAllString(q, -1); len(unaliased) > 0 {
		t.Errorf("unaliased value in the dossier query: %v", unaliased)
	}
	if !strings.HasPrefix(q, "query Dossier($number:Int!){dossier(number: $number){id,number,state,archived,") {
		t.Errorf("dossier query starts %q", q[:80])
	}
	page := docs.queries[opDossiersPage]
	if !strings.HasPrefix(page, "query DossiersPage($after:String$demarche:Int!$first:Int!$updatedSince:ISO8601DateTime)"+
		"{demarche(number: $demarche){dossiers(first: $first, after: $after, updatedSince: $updatedSince){pageInfo{hasNextPage,endCursor},edges{cursor},nodes{") {
		t.Errorf("page query starts %q", page[:200])
	}
}

// TestMutationDocumentsSelectErrors checks every mutation with an errors
// field selects it.
func TestMutationDocumentsSelectErrors(t *testing.T) {
	docs, err := buildDocuments()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range docs.mutations {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		text := docs.mutations[name]
		exported := strings.ToUpper(name[:1]) + name[1:]
		if !strings.HasPrefix(text, "mutation "+exported+"($input:"+exported+"Input!){"+name+"(input: $input){") {
			t.Errorf("%s: %s", name, text)
		}
		if name != mutCreateUpload && !strings.HasSuffix(text, ",errors{message}}}") {
			t.Errorf("%s does not select errors: %s", name, text)
		}
	}
}
