package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// serveGraphQL answers POST /api/v2/graphql in DS's order: rate limit (rack-attack, before
// the app), injected faults, body parsing, token, then the query.
func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request) {
	if ok, reset := s.limiter.allow(r.Header.Get("Authorization"), s.now()); !ok {
		writeThrottled(w, reset)
		return
	}
	if s.injectFault(w, r) {
		return
	}
	req, err := decodeRequest(r)
	if err != nil {
		var re *requestError
		errors.As(err, &re)
		controllerError(w, http.StatusBadRequest, re.message, re.code)
		return
	}
	access := s.access(r)
	switch {
	case access == accessExpired:
		controllerError(w, http.StatusUnauthorized, "Token expired", "unauthorized")
		return
	case access == accessNone:
		controllerError(w, http.StatusForbidden, "Without a token, only persisted queries are allowed", "forbidden")
		return
	case req.QueryID != "":
		// Persisted queries are not served (see the package doc); DS answers this for an
		// id it does not know.
		controllerError(w, http.StatusBadRequest, fmt.Sprintf("No query with id %q", req.QueryID), "bad_request")
		return
	}
	s.answer(w, r, req, access)
}

// answer validates and runs the query and writes the GraphQL response.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, req *gqlRequest, access tokenAccess) {
	p, errs := s.prepare(req.Query, req.OperationName)
	if len(errs) > 0 {
		s.logRequest(req, nil, len(errs))
		graphqlResponse(w, nil, false, errs)
		return
	}
	vars, errs := coercer{schema: s.schema}.coerceVariables(p.op, req.Variables)
	if len(errs) > 0 {
		s.logRequest(req, p.op, len(errs))
		graphqlResponse(w, nil, false, errs)
		return
	}
	ex := s.newExecutor(r, p.doc, vars, access)
	data := s.execute(ex, p.op)
	s.logRequest(req, p.op, len(ex.errs))
	if ex.abort != nil {
		controllerError(w, http.StatusBadRequest, ex.abort.message, ex.abort.code)
		return
	}
	graphqlResponse(w, data, true, ex.errs)
}

func (s *Server) newExecutor(r *http.Request, doc *ast.QueryDocument, vars map[string]any, access tokenAccess) *executor {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return &executor{
		srv: s, schema: s.schema, doc: doc, vars: vars, coercer: coercer{schema: s.schema},
		baseURL: scheme + "://" + r.Host, access: access, mentions: documentMentions(doc),
	}
}

// execute runs the operation under the data lock and appends its mutations to the log.
func (s *Server) execute(ex *executor, op *ast.OperationDefinition) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	ex.now = s.now()
	ex.poison = map[int]bool{}
	for _, n := range s.faults.PoisonDossiers {
		ex.poison[n] = true
	}
	data := ex.run(op)
	s.mutations = append(s.mutations, ex.recorded...)
	return data
}

func (s *Server) logRequest(req *gqlRequest, op *ast.OperationDefinition, errCount int) {
	ev := s.log.Debug().Str("operation", req.OperationName).Int("errors", errCount)
	if op != nil {
		ev = ev.Str("type", string(opKind(op)))
	}
	ev.Msg("graphql request")
}

// injectFault applies the configured faults to this request; true means it was answered.
func (s *Server) injectFault(w http.ResponseWriter, r *http.Request) bool {
	s.mu.Lock()
	s.requests++
	n, f := s.requests, s.faults
	s.mu.Unlock()
	if f.LatencyMS > 0 && !sleepCtx(r.Context(), time.Duration(f.LatencyMS)*time.Millisecond) {
		return true // the client went away
	}
	switch {
	case every(n, f.RateLimitEvery):
		writeThrottled(w, time.Unix((s.now().Unix()/60+1)*60, 0))
	case every(n, f.Error5xxEvery):
		writeJSON(w, http.StatusInternalServerError, map[string]any{
			"errors": []gqlError{{Message: "Internal Server Error", Extensions: map[string]any{
				"code": "internal_server_error", "exception_id": fmt.Sprintf("00000000-0000-4000-8000-%012d", n)}}},
			"data": nil,
		})
	case every(n, f.MalformedEvery):
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write([]byte(`{"data":{"demarche":{"id":"UHJvY2VkdXJlLTE=","dossiers":{"nodes":[{"id":"RG9zc2llci0x`))
	default:
		return false
	}
	return true
}

func every(n, k int) bool {
	return k > 0 && n%k == 0
}

// sleepCtx waits d or until ctx ends; it reports whether the full delay elapsed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
