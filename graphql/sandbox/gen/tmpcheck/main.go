package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/spplus/spplus/graphql/sandbox"
	"github.com/spplus/spplus/graphql/sandbox/gen"
)

func main() {
	data, err := gen.Generate(gen.Options{N: 200, Seed: 5})
	if err != nil { panic(err) }
	srv, err := sandbox.New(data, sandbox.Options{Token: "t"})
	if err != nil { fmt.Println("NEW:", err); os.Exit(1) }
	q := os.Args[1]
	req := httptest.NewRequest("POST", "/api/v2/graphql", strings.NewReader(q))
	req.Header.Set("Authorization", "Bearer t")
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	b, _ := io.ReadAll(w.Result().Body)
	if len(b) > 3000 { b = append(b[:3000], []byte("...")...) }
	fmt.Println(w.Code, string(bytes.TrimSpace(b)))
}
