package graphql

// Payload selections of the mutations. Every payload with an "errors" field
// selects it: DS reports refusals there, with HTTP 200 and a null object.

type errorWire struct {
	Message string `graphql:"message"`
}

type stateDossierWire struct {
	ID             string `graphql:"id"`
	Number         int    `graphql:"number"`
	State          string `graphql:"state"`
	Archived       bool   `graphql:"archived"`
	DateTraitement string `graphql:"dateTraitement"`
	Motivation     string `graphql:"motivation"`
}

type statePayload struct {
	Dossier *stateDossierWire `graphql:"dossier"`
	Errors  []errorWire       `graphql:"errors"`
}

type messagePayload struct {
	Message *messageWire `graphql:"message"`
	Errors  []errorWire  `graphql:"errors"`
}

type labelPayload struct {
	Label  *labelRefWire `graphql:"label"`
	Errors []errorWire   `graphql:"errors"`
}

type champRefWire struct {
	ID string `graphql:"id"`
}

type annotationsPayload struct {
	Annotations []champRefWire `graphql:"annotations"`
	Errors      []errorWire    `graphql:"errors"`
}

type annotationPayload struct {
	Annotation *champRefWire `graphql:"annotation"`
	Errors     []errorWire   `graphql:"errors"`
}

type directUploadWire struct {
	URL          string `graphql:"url"`
	Headers      string `graphql:"headers"`
	BlobID       string `graphql:"blobId"`
	SignedBlobID string `graphql:"signedBlobId"`
}

type directUploadPayload struct {
	DirectUpload *directUploadWire `graphql:"directUpload"`
}

// Inputs, as sent in the "input" variable. Optional fields are omitted when
// empty so an input never carries a field its type lacks.

type transitionInput struct {
	DossierID           string  `json:"dossierId"`
	InstructeurID       string  `json:"instructeurId"`
	Motivation          *string `json:"motivation,omitempty"`
	Justificatif        string  `json:"justificatif,omitempty"`
	DisableNotification bool    `json:"disableNotification,omitempty"`
}

type messageInput struct {
	DossierID     string `json:"dossierId"`
	InstructeurID string `json:"instructeurId"`
	Body          string `json:"body"`
	Attachment    string `json:"attachment,omitempty"`
	Correction    string `json:"correction,omitempty"`
}

type labelInput struct {
	DossierID string `json:"dossierId"`
	LabelID   string `json:"labelId"`
}

type annotationsInput struct {
	DossierID     string            `json:"dossierId"`
	InstructeurID string            `json:"instructeurId"`
	Annotations   []annotationInput `json:"annotations"`
}

type annotationInput struct {
	ID    string         `json:"id"`
	Value map[string]any `json:"value"` // @oneOf: exactly one key
}

type singleAnnotationInput struct {
	DossierID     string `json:"dossierId"`
	InstructeurID string `json:"instructeurId"`
	AnnotationID  string `json:"annotationId"`
	Value         any    `json:"value"`
}

type directUploadInput struct {
	DossierID   string `json:"dossierId"`
	Filename    string `json:"filename"`
	ByteSize    int64  `json:"byteSize"`
	Checksum    string `json:"checksum"`
	ContentType string `json:"contentType"`
}
