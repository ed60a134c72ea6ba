package graphql

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// maxDeletedPages bounds the pages read by one deleted-dossiers listing, so
// a server that keeps answering hasNextPage cannot loop the client forever.
const maxDeletedPages = 10_000

// DeletedDossiers lists the dossiers of démarche demarche deleted for good
// since since (all of them when nil), reading every page.
func (c *Client) DeletedDossiers(ctx context.Context, demarche int, since *time.Time) ([]DeletedDossier, error) {
	var q deletedDossiersQuery
	list, err := c.listDeleted(ctx, opDeleted, demarche, since, &q, &q.Demarche.Connection)
	if err != nil {
		return list, fmt.Errorf("demarche %d: deleted dossiers: %w", demarche, err)
	}
	return list, nil
}

// PendingDeletedDossiers lists the dossiers of démarche demarche put in the
// bin (hidden, not yet purged) since since (all of them when nil).
func (c *Client) PendingDeletedDossiers(ctx context.Context, demarche int, since *time.Time) ([]DeletedDossier, error) {
	var q pendingDeletedDossiersQuery
	list, err := c.listDeleted(ctx, opPendingDeleted, demarche, since, &q, &q.Demarche.Connection)
	if err != nil {
		return list, fmt.Errorf("demarche %d: pending deleted dossiers: %w", demarche, err)
	}
	return list, nil
}

// listDeleted pages through a deleted-dossiers connection; out is the
// query struct, conn its connection field (reset before each page).
func (c *Client) listDeleted(ctx context.Context, op string, demarche int, since *time.Time, out any, conn *deletedConnection) ([]DeletedDossier, error) {
	vars := map[string]any{"demarche": demarche, "first": PageSize, "after": nil, "since": nil}
	if since != nil {
		vars["since"] = formatDateTime(*since)
	}
	var all []DeletedDossier
	for page := 1; page <= maxDeletedPages; page++ {
		*conn = deletedConnection{}
		if _, err := c.queryOne(ctx, op, vars, out); err != nil {
			return all, fmt.Errorf("page %d: %w", page, err)
		}
		list, err := toDeleted(conn.Nodes)
		if err != nil {
			return all, fmt.Errorf("page %d: %w", page, &DecodeError{Op: op, Status: 200, Err: err})
		}
		all = append(all, list...)
		if !conn.PageInfo.HasNextPage {
			return all, nil
		}
		if conn.PageInfo.EndCursor == nil || *conn.PageInfo.EndCursor == vars["after"] {
			return all, fmt.Errorf("page %d: %w", page, &DecodeError{Op: op, Status: 200, Err: errors.New("hasNextPage without a new endCursor")})
		}
		vars["after"] = *conn.PageInfo.EndCursor
	}
	return all, fmt.Errorf("more than %d pages", maxDeletedPages)
}
