package graphql

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// opDeletions names the query that reads both deletion lists at once.
const opDeletions = "Deletions"

// Deletions are the dossiers of a démarche that left the listing: those
// deleted for good (deletedDossiers) and those put in the bin, not yet
// purged (pendingDeletedDossiers). Key on Number.
type Deletions struct {
	Deleted []DeletedDossier
	Pending []DeletedDossier
}

// deletionsQuery reads the first page of both connections in one request,
// so that a sync pass with nothing deleted costs a single request.
type deletionsQuery struct {
	Demarche struct {
		Deleted deletedConnection `graphql:"deletedDossiers(first: $first, deletedSince: $since)" json:"deletedDossiers"`
		Pending deletedConnection `graphql:"pendingDeletedDossiers(first: $first, deletedSince: $since)" json:"pendingDeletedDossiers"`
	} `graphql:"demarche(number: $demarche)"`
}

// Deletions lists, in one request when each list fits in a page, the
// dossiers of démarche demarche deleted for good and those put in the bin
// since since (all of them when nil). Further pages of either list are read
// with the single-list queries.
func (c *Client) Deletions(ctx context.Context, demarche int, since *time.Time) (Deletions, error) {
	text := c.docs.queries[opDeletions]
	vars := map[string]any{"demarche": demarche, "first": PageSize, "since": nil}
	if since != nil {
		vars["since"] = formatDateTime(*since)
	}
	var q deletionsQuery
	if err := c.runDeletions(ctx, text, vars, &q); err != nil {
		return Deletions{}, fmt.Errorf("demarche %d: deletions: %w", demarche, err)
	}
	var out Deletions
	var err error
	if out.Deleted, err = c.restOfDeleted(ctx, opDeleted, vars, q.Demarche.Deleted, &deletedDossiersQuery{}); err != nil {
		return out, fmt.Errorf("demarche %d: deleted dossiers: %w", demarche, err)
	}
	if out.Pending, err = c.restOfDeleted(ctx, opPendingDeleted, vars, q.Demarche.Pending, &pendingDeletedDossiersQuery{}); err != nil {
		return out, fmt.Errorf("demarche %d: pending deleted dossiers: %w", demarche, err)
	}
	return out, nil
}

// runDeletions sends the combined query; any GraphQL error fails it.
func (c *Client) runDeletions(ctx context.Context, text string, vars map[string]any, out *deletionsQuery) error {
	resp, err := c.do(ctx, request{op: opDeletions, name: opDeletions, query: text, vars: vars, idempotent: true})
	if err != nil {
		return err
	}
	if len(resp.errs) > 0 {
		return resp.errs
	}
	return decodeData(opDeletions, resp.data, out)
}

// restOfDeleted converts a first page and reads the following ones with the
// single-list query op (out is its query struct).
func (c *Client) restOfDeleted(ctx context.Context, op string, base map[string]any, first deletedConnection, out deletedPager) ([]DeletedDossier, error) {
	all, err := toDeleted(first.Nodes)
	if err != nil {
		return all, &DecodeError{Op: opDeletions, Status: 200, Err: err}
	}
	vars := map[string]any{"demarche": base["demarche"], "first": PageSize, "since": base["since"], "after": nil}
	info := first.PageInfo
	for page := 2; info.HasNextPage; page++ {
		if page > maxDeletedPages {
			return all, fmt.Errorf("more than %d pages", maxDeletedPages)
		}
		if info.EndCursor == nil || *info.EndCursor == vars["after"] {
			return all, fmt.Errorf("page %d: %w", page, &DecodeError{Op: op, Status: 200, Err: errors.New("hasNextPage without a new endCursor")})
		}
		vars["after"] = *info.EndCursor
		conn := out.connection()
		*conn = deletedConnection{}
		if _, err := c.queryOne(ctx, op, vars, out); err != nil {
			return all, fmt.Errorf("page %d: %w", page, err)
		}
		list, err := toDeleted(conn.Nodes)
		if err != nil {
			return all, fmt.Errorf("page %d: %w", page, &DecodeError{Op: op, Status: 200, Err: err})
		}
		all, info = append(all, list...), conn.PageInfo
	}
	return all, nil
}

// deletedPager is a single-list query struct and its connection field.
type deletedPager interface{ connection() *deletedConnection }

func (q *deletedDossiersQuery) connection() *deletedConnection        { return &q.Demarche.Connection }
func (q *pendingDeletedDossiersQuery) connection() *deletedConnection { return &q.Demarche.Connection }
