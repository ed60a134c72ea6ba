package graphql

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"
)

// PageSize is the number of dossiers asked per page, DS's maximum.
const PageSize = 100

// DossierPage is one page of a démarche's dossiers.
type DossierPage struct {
	// Dossiers are the dossiers of the page that were read in full.
	Dossiers []Dossier
	// EndCursor resumes the listing after this page. DS sends no cursor for
	// an empty page; the cursor the page was asked with is kept then, so it
	// can always be persisted.
	EndCursor   string
	HasNextPage bool
	// ServerTime is the response's Date header (zero if absent): the
	// server's clock, for the pass start time T0.
	ServerTime time.Time
	// Failed lists the dossiers of the page that could not be read (GraphQL
	// errors on their path, undecodable values), for quarantine.
	Failed []NodeError
	// Err is nil, or a *PartialError over Failed.
	Err error
}

// NodeError is a dossier of a page that could not be read.
type NodeError struct {
	Index  int // position in the page's nodes
	Number int // the dossier number; 0 if it could not be learnt
	Err    error
}

// PartialError reports a page whose other dossiers were read.
type PartialError struct {
	Failed []NodeError
}

// Error implements error.
func (e *PartialError) Error() string {
	s := fmt.Sprintf("%d dossier(s) of the page could not be read", len(e.Failed))
	for _, f := range e.Failed {
		s += fmt.Sprintf("; node %d (dossier %d): %v", f.Index, f.Number, f.Err)
	}
	return s
}

// Unwrap exposes each node's error to errors.Is and errors.As.
func (e *PartialError) Unwrap() []error {
	out := make([]error, len(e.Failed))
	for i, f := range e.Failed {
		out[i] = f.Err
	}
	return out
}

// DossierPages lists the dossiers of démarche demarche, PageSize at a time,
// from cursor after ("" for the start), modified since updatedSince when it
// is not nil (DS then orders by modification time, inclusive bound; never
// reuse a cursor obtained without updatedSince, or with another one).
//
// Each page is yielded with a nil error, even when some of its dossiers
// failed (see DossierPage.Failed). A failure that loses the page itself is
// yielded as (nil, err) and ends the sequence. Stopping the range early
// sends no further request.
func (c *Client) DossierPages(ctx context.Context, demarche int, updatedSince *time.Time, after string) iter.Seq2[*DossierPage, error] {
	return func(yield func(*DossierPage, error) bool) {
		cursor := after
		for n := 1; ; n++ {
			page, err := c.dossierPage(ctx, demarche, updatedSince, cursor)
			if err != nil {
				yield(nil, fmt.Errorf("demarche %d: dossiers page %d: %w", demarche, n, err))
				return
			}
			if !yield(page, nil) || !page.HasNextPage {
				return
			}
			if page.EndCursor == cursor {
				yield(nil, fmt.Errorf("demarche %d: dossiers page %d: %w", demarche, n,
					&DecodeError{Op: opDossiersPage, Status: 200, Err: errors.New("hasNextPage without a new endCursor")}))
				return
			}
			cursor = page.EndCursor
		}
	}
}

// pageVars are the variables shared by the page and page-numbers queries.
func pageVars(demarche int, updatedSince *time.Time, cursor string) map[string]any {
	vars := map[string]any{"demarche": demarche, "first": PageSize, "after": nil, "updatedSince": nil}
	if cursor != "" {
		vars["after"] = cursor
	}
	if updatedSince != nil {
		vars["updatedSince"] = formatDateTime(*updatedSince)
	}
	return vars
}

// formatDateTime renders a bound for DS. Truncating to the second only
// widens an inclusive "since" window, so no dossier is lost.
func formatDateTime(t time.Time) string {
	return t.Truncate(time.Second).Format(time.RFC3339)
}

// dossierPage reads one page and decodes each dossier on its own.
func (c *Client) dossierPage(ctx context.Context, demarche int, updatedSince *time.Time, cursor string) (*DossierPage, error) {
	vars := pageVars(demarche, updatedSince, cursor)
	req := c.queryRequest(opDossiersPage, vars)
	req.newData = newPageData
	resp, err := c.do(ctx, req)
	if err != nil {
		return nil, err
	}
	page, err := c.parsePage(resp, cursor)
	if err != nil {
		return nil, err
	}
	if len(page.Failed) > 0 {
		c.resolveNumbers(ctx, vars, page.Failed)
		page.Err = &PartialError{Failed: page.Failed}
	}
	return page, nil
}

// newPageData is the page request's decoding target.
func newPageData() streamDecoder { return new(dossiersPageData) }

// parsePage turns a page answer into a DossierPage, keeping the dossiers
// that decoded and listing the others in Failed.
func (c *Client) parsePage(resp *response, cursor string) (*DossierPage, error) {
	data, _ := resp.typed.(*dossiersPageData)
	if data == nil {
		data = new(dossiersPageData) // "data" was null
	}
	page, nodeErrs, err := newPage(resp, data, cursor)
	if err != nil {
		return nil, err
	}
	c.decodeNodes(page, data.Demarche.Dossiers.Nodes, nodeErrs)
	nameFromEdges(page.Failed, data.Demarche.Dossiers.Edges)
	return page, nil
}

// nameFromEdges names the failed nodes from their edge's cursor, which DS
// keeps when it nulls a node.
func nameFromEdges(failed []NodeError, edges []*edgeWire) {
	for i := range failed {
		if idx := failed[i].Index; failed[i].Number == 0 && idx < len(edges) && edges[idx] != nil {
			failed[i].Number = numberFromCursor(edges[idx].Cursor)
		}
	}
}

// newPage checks the page's frame (démarche, connection, pageInfo) and
// sorts the GraphQL errors by node; errors outside a node lose the page.
func newPage(resp *response, data *dossiersPageData, cursor string) (*DossierPage, map[int][]error, error) {
	if data.Demarche == nil || data.Demarche.Dossiers == nil || data.Demarche.Dossiers.PageInfo == nil {
		if len(resp.errs) > 0 {
			return nil, nil, resp.errs
		}
		return nil, nil, &DecodeError{Op: opDossiersPage, Status: 200, Err: errors.New("no demarche.dossiers.pageInfo in data")}
	}
	byNode := map[int][]error{}
	var outside GraphQLErrors
	for _, e := range resp.errs {
		if i := e.NodeIndex("nodes"); i >= 0 {
			byNode[i] = append(byNode[i], e)
		} else {
			outside = append(outside, e)
		}
	}
	if len(outside) > 0 {
		return nil, nil, outside
	}
	pi := data.Demarche.Dossiers.PageInfo
	page := &DossierPage{EndCursor: cursor, HasNextPage: pi.HasNextPage, ServerTime: resp.serverTime}
	if pi.EndCursor != nil && *pi.EndCursor != "" {
		page.EndCursor = *pi.EndCursor
	}
	return page, byNode, nil
}

// decodeNodes fills page.Dossiers and page.Failed.
func (c *Client) decodeNodes(page *DossierPage, nodes []nodeSlot, nodeErrs map[int][]error) {
	fetched := c.now()
	for i := range nodes {
		d, number, err := nodes[i].result(fetched)
		if errs := nodeErrs[i]; len(errs) > 0 {
			err = errors.Join(errs...)
		}
		if err != nil {
			page.Failed = append(page.Failed, NodeError{Index: i, Number: number, Err: err})
			continue
		}
		page.Dossiers = append(page.Dossiers, d)
	}
	for i, errs := range nodeErrs {
		if i >= len(nodes) {
			page.Failed = append(page.Failed, NodeError{Index: i, Err: errors.Join(errs...)})
		}
	}
}

// resolveNumbers names the failed nodes still unnamed with a light query
// over the same page (numbers only), whose partial data is used too. Best
// effort: the numbers stay 0 when it fails.
func (c *Client) resolveNumbers(ctx context.Context, vars map[string]any, failed []NodeError) {
	if !slices.ContainsFunc(failed, func(f NodeError) bool { return f.Number == 0 }) {
		return
	}
	var q struct {
		Demarche *struct {
			Dossiers *struct{ Nodes []*struct{ Number int } }
		}
	}
	resp, err := c.do(ctx, c.queryRequest(opDossierNumbers, vars))
	if err == nil && resp.data != nil {
		err = decodeData(opDossierNumbers, resp.data, &q)
	}
	if err != nil || q.Demarche == nil || q.Demarche.Dossiers == nil {
		c.log.Warn().Err(err).Msg("could not learn the numbers of the dossiers a page lost")
		return
	}
	nodes := q.Demarche.Dossiers.Nodes
	for i := range failed {
		if idx := failed[i].Index; failed[i].Number == 0 && idx < len(nodes) && nodes[idx] != nil {
			failed[i].Number = nodes[idx].Number
		}
	}
}
