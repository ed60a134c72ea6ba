package graphql

import (
	"fmt"
	"strings"
)

// dossierJSON is a dossier node as DS answers the client's selection, with
// one champ of every type the client reads.
func dossierJSON(number int) string {
	return strings.NewReplacer("NUMBER", fmt.Sprint(number)).Replace(`{
 "id":"RG9zc2llci1OVU1CRVI=","number":NUMBER,"state":"en_construction","archived":false,
 "dateDepot":"2026-02-10T10:00:00+01:00","datePassageEnConstruction":"2026-02-10T10:00:00+01:00",
 "datePassageEnInstruction":null,"dateTraitement":null,
 "dateDerniereModification":"2026-02-12T08:15:30+01:00",
 "dateDerniereModificationChamps":"2026-02-11T08:15:30+01:00",
 "dateDerniereModificationAnnotations":"2026-02-12T08:15:30+01:00",
 "motivation":null,"usager":{"email":"mairie@example.fr"},
 "groupeInstructeur":{"id":"R3JvdXBlLTE=","number":1,"label":"défaut"},
 "instructeurs":[{"id":"SW5zdHJ1Y3RldXItMQ==","email":"agent@example.gouv.fr"}],
 "demandeur":{"__typename":"PersonneMorale","siret":"21570463700019"},
 "labels":[{"id":"TGFiZWwtMQ==","name":"À revoir"}],
 "messages":[{"id":"Q29tbWVudGFpcmUtMQ==","email":"contact@demarche.numerique.gouv.fr","body":"<p>Dépôt</p>","createdAt":"2026-02-10T10:00:01+01:00"}],
 "champs":[
  {"__typename":"TextChamp","id":"Q2hhbXAtMQ==","champDescriptorId":"Q2hhbXAtMQ==","label":"Nom du service","stringValue":"Mairie","text":"Mairie"},
  {"__typename":"DropDownListChamp","id":"Q2hhbXAtMg==","champDescriptorId":"Q2hhbXAtMg==","label":"Type","stringValue":"local","choice":"local"},
  {"__typename":"CheckboxChamp","id":"Q2hhbXAtMw==","champDescriptorId":"Q2hhbXAtMw==","label":"J'atteste","stringValue":"true","checked":true},
  {"__typename":"YesNoChamp","id":"Q2hhbXAtNA==","champDescriptorId":"Q2hhbXAtNA==","label":"Renouvellement ?","stringValue":"false","yesNo":false},
  {"__typename":"DateChamp","id":"Q2hhbXAtNQ==","champDescriptorId":"Q2hhbXAtNQ==","label":"Date d'audit","stringValue":"15 juin 2026","date":"2026-06-15"},
  {"__typename":"DatetimeChamp","id":"Q2hhbXAtNg==","champDescriptorId":"Q2hhbXAtNg==","label":"Rendez-vous","stringValue":"","datetime":"2026-06-15T14:30:00+02:00"},
  {"__typename":"IntegerNumberChamp","id":"Q2hhbXAtNw==","champDescriptorId":"Q2hhbXAtNw==","label":"Effectif","stringValue":"85","integerNumber":"85"},
  {"__typename":"DecimalNumberChamp","id":"Q2hhbXAtOA==","champDescriptorId":"Q2hhbXAtOA==","label":"Taux","stringValue":"6.67","decimalNumber":6.67},
  {"__typename":"MultipleDropDownListChamp","id":"Q2hhbXAtOQ==","champDescriptorId":"Q2hhbXAtOQ==","label":"Canaux","stringValue":"accueil, téléphone","values":["accueil","téléphone"]},
  {"__typename":"PieceJustificativeChamp","id":"Q2hhbXAtMTA=","champDescriptorId":"Q2hhbXAtMTA=","label":"Organigramme","stringValue":null,
   "files":[{"filename":"organigramme.pdf","url":"https://demarche.numerique.gouv.fr/rails/active_storage/x?sig=abc","byteSizeBigInt":"2712286911","checksum":"1B2M2Y8AsgTpgAmY7PhCfg==","contentType":"application/pdf","virusScanResult":"safe","createdAt":"2026-02-10T09:59:00+01:00"}]},
  {"__typename":"AddressChamp","id":"Q2hhbXAtMTE=","champDescriptorId":"Q2hhbXAtMTE=","label":"Adresse","stringValue":"1 place de la Mairie 57000 Metz",
   "address":{"streetAddress":"1 place de la Mairie","postalCode":"57000","cityName":"Metz","cityCode":"57463","departmentCode":"57"}},
  {"__typename":"DepartementChamp","id":"Q2hhbXAtMTI=","champDescriptorId":"Q2hhbXAtMTI=","label":"Département","stringValue":"57 – Moselle","departement":{"code":"57","name":"Moselle"}},
  {"__typename":"RepetitionChamp","id":"Q2hhbXAtMTM=","champDescriptorId":"Q2hhbXAtMTM=","label":"Sites","stringValue":"",
   "rows":[{"id":"Um93LTE=","champs":[{"__typename":"TextChamp","id":"Q2hhbXAtMTR8MQ==","champDescriptorId":"Q2hhbXAtMTQ=","label":"Site","stringValue":"Annexe","text":"Annexe"}]}]}
 ],
 "annotations":[
  {"__typename":"YesNoChamp","id":"Q2hhbXAtMjA=","champDescriptorId":"Q2hhbXAtMjA=","label":"Complet","stringValue":"","yesNo":null}
 ],
 "traitements":[{"state":"en_construction","dateTraitement":"2026-02-10T10:00:00+01:00"}]
}`)
}

// pageJSON is a page answer holding nodes (raw JSON), with optional errors.
func pageJSON(nodes []string, hasNext bool, endCursor string, errs string) string {
	cursor := "null"
	if endCursor != "" {
		cursor = fmt.Sprintf("%q", endCursor)
	}
	body := fmt.Sprintf(`{"data":{"demarche":{"dossiers":{"pageInfo":{"hasNextPage":%t,"endCursor":%s},"nodes":[%s]}}}`,
		hasNext, cursor, strings.Join(nodes, ","))
	if errs != "" {
		body += `,"errors":` + errs
	}
	return body + "}"
}
