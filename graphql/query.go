package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// queryRequest builds the request of a named query; queries are idempotent.
func (c *Client) queryRequest(name string, vars map[string]any) request {
	return request{op: name, name: name, query: c.docs.queries[name], vars: vars, idempotent: true}
}

// queryOne runs a query whose answer is all or nothing: any GraphQL error
// fails it. The data is decoded into out; the server's Date is returned.
func (c *Client) queryOne(ctx context.Context, name string, vars map[string]any, out any) (time.Time, error) {
	resp, err := c.do(ctx, c.queryRequest(name, vars))
	if err != nil {
		return time.Time{}, err
	}
	if len(resp.errs) > 0 {
		return resp.serverTime, resp.errs
	}
	return resp.serverTime, decodeData(name, resp.data, out)
}

// decodeData unmarshals a response's data into out.
func decodeData(op string, data json.RawMessage, out any) error {
	if err := json.Unmarshal(data, out); err != nil {
		return &DecodeError{Op: op, Status: 200, Err: err}
	}
	return nil
}

// Demarche reads démarche number with its active revision's champ and
// annotation descriptors, its groupes instructeurs (with their
// instructeurs) and its labels.
func (c *Client) Demarche(ctx context.Context, number int) (*Demarche, error) {
	var q struct{ Demarche *demarcheWire }
	if _, err := c.queryOne(ctx, opDemarche, map[string]any{"demarche": number}, &q); err != nil {
		return nil, fmt.Errorf("read demarche %d: %w", number, err)
	}
	if q.Demarche == nil {
		return nil, fmt.Errorf("read demarche %d: %w", number, &DecodeError{Op: opDemarche, Status: 200, Err: errors.New("demarche is null")})
	}
	d, err := toDemarche(q.Demarche)
	if err != nil {
		return nil, fmt.Errorf("read demarche %d: %w", number, &DecodeError{Op: opDemarche, Status: 200, Err: err})
	}
	return d, nil
}

// Dossier reads dossier number. A dossier the token cannot see, or that
// does not exist, gives an error matching ErrNotFound or ErrForbidden.
func (c *Client) Dossier(ctx context.Context, number int) (*Dossier, error) {
	var q struct{ Dossier *dossierWire }
	if _, err := c.queryOne(ctx, opDossier, map[string]any{"number": number}, &q); err != nil {
		return nil, fmt.Errorf("read dossier %d: %w", number, err)
	}
	if q.Dossier == nil {
		return nil, fmt.Errorf("read dossier %d: %w", number, &DecodeError{Op: opDossier, Status: 200, Err: errors.New("dossier is null")})
	}
	d, err := toDossier(q.Dossier, c.now())
	if err != nil {
		return nil, fmt.Errorf("read dossier %d: %w", number, &DecodeError{Op: opDossier, Status: 200, Err: err})
	}
	return &d, nil
}
