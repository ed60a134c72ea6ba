package sandbox

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// typedID encodes a Relay id as DS does: strict base64 (with padding) of "<Class>-<id>".
func typedID(class string, id any) string {
	return base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "%s-%v", class, id))
}

// decodeTypedID reverses typedID, accepting the URL-safe alphabet and missing padding as
// DS's Base64Bp.urlsafe_decode64 does. It returns the class and the id text.
func decodeTypedID(s string) (class, id string, ok bool) {
	s = strings.TrimRight(strings.NewReplacer("-", "+", "_", "/").Replace(s), "=")
	raw, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return "", "", false
	}
	class, id, ok = strings.Cut(string(raw), "-")
	return class, id, ok && class != "" && id != ""
}

// decodeNumericID decodes a typed id of the wanted class with a numeric id.
func decodeNumericID(s, wantClass string) (int, bool) {
	class, id, ok := decodeTypedID(s)
	if !ok || class != wantClass {
		return 0, false
	}
	n, err := strconv.Atoi(id)
	return n, err == nil
}
