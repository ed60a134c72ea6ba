package sandbox

import (
	"slices"
	"sort"
	"time"
)

// maxPageSize is DS's default_max_page_size and default_page_size.
const maxPageSize = 100

// pageArgs are the Relay arguments of a DS connection.
type pageArgs struct {
	first, last   *int
	after, before *cursorPos
	desc          bool
}

// pageInput is what the paging function needs to know about the sorted items.
type pageInput[T any] struct {
	items []T
	key   func(T) (time.Time, int)
	keep  func(T) bool
	// since is an inclusive lower bound on the time key (updatedSince, deletedSince).
	since *time.Time
}

// pageResult is a loaded page, ready to be turned into a connection object.
type pageResult[T any] struct {
	nodes            []T
	hasNext, hasPrev bool
}

// parsePageArgs checks the arguments as DS's CursorConnection#ensure_valid_params does.
// A cursor that is not base64 aborts the request with HTTP 400, as DS's controller does
// for the ArgumentError raised by the decoder.
func (ex *executor) parsePageArgs(args map[string]any) (pageArgs, error) {
	var p pageArgs
	p.first, p.last = optInt(args["first"]), optInt(args["last"])
	p.desc = args["order"] == "DESC"
	if p.first != nil && p.last != nil {
		return p, newFieldError("bad_request", `Arguments "first" and "last" are exclusive`)
	}
	after, before := presentString(args["after"]), presentString(args["before"])
	if after != "" && before != "" {
		return p, newFieldError("bad_request", `Arguments "before" and "after" are exclusive`)
	}
	if p.first != nil && *p.first < 0 {
		return p, newFieldError("bad_request", `Argument "first" must be a non-negative integer`)
	}
	if p.last != nil && *p.last < 0 {
		return p, newFieldError("bad_request", `Argument "last" must be a non-negative integer`)
	}
	if p.last != nil && p.desc {
		return p, newFieldError("bad_request", `Argument "last" is not supported with order "desc"`)
	}
	var err error
	if p.after, err = ex.cursorArg(after); err != nil {
		return p, err
	}
	p.before, err = ex.cursorArg(before)
	return p, err
}

func (ex *executor) cursorArg(s string) (*cursorPos, error) {
	if s == "" {
		return nil, nil
	}
	c, err := decodeCursor(s)
	if err != nil {
		ex.abort = &requestError{message: err.Error(), code: "bad_request"}
		return nil, newFieldError("bad_request", "%v", err)
	}
	return &c, nil
}

func optInt(v any) *int {
	n, ok := asInt(v)
	if !ok {
		return nil
	}
	i := int(n)
	return &i
}

// presentString is Rails' present?: a non-blank string.
func presentString(v any) string {
	s, _ := v.(string)
	return s
}

// loadPage is DS's CursorConnection#load_nodes over items sorted ascending by key.
func loadPage[T any](in pageInput[T], p pageArgs) pageResult[T] {
	limit := maxPageSize
	for _, n := range []*int{p.first, p.last} {
		if n != nil {
			limit = min(limit, *n)
		}
	}
	limit++
	inverted := p.last != nil || p.before != nil
	if p.desc {
		return loadDeprecatedDesc(in, p, limit, inverted)
	}
	nodes := fetch(in, limit, p.after, p.before, inverted)
	res := pageResult[T]{
		hasPrev: p.after != nil || (len(nodes) == limit && inverted),
		hasNext: p.before != nil || (len(nodes) == limit && !inverted),
	}
	res.nodes = nodes[:min(len(nodes), limit-1)]
	if inverted {
		slices.Reverse(res.nodes)
	}
	return res
}

// loadDeprecatedDesc serves the deprecated order: DESC the way DS still does.
func loadDeprecatedDesc[T any](in pageInput[T], p pageArgs, limit int, inverted bool) pageResult[T] {
	if p.before == nil {
		inverted = !inverted
	}
	nodes := fetch(in, limit, p.before, p.after, inverted)
	return pageResult[T]{
		nodes:   nodes[:min(len(nodes), limit-1)],
		hasNext: p.before != nil || (len(nodes) == limit && inverted),
		hasPrev: p.after != nil || (len(nodes) == limit && !inverted),
	}
}

// fetch is DS's resolve_nodes: up to limit kept items strictly after `after` or strictly
// before `before`, ascending, or descending when inverted.
func fetch[T any](in pageInput[T], limit int, after, before *cursorPos, inverted bool) []T {
	if (after != nil && !after.valid) || (before != nil && !before.valid) {
		return nil // DS compares with NULL: no row matches.
	}
	lo := 0
	if in.since != nil {
		lo = sort.Search(len(in.items), func(i int) bool {
			t, _ := in.key(in.items[i])
			return !t.Before(*in.since)
		})
	}
	hi := len(in.items)
	if before != nil {
		hi = sort.Search(len(in.items), func(i int) bool {
			t, id := in.key(in.items[i])
			return !keyLess(t, id, before.at, before.id)
		})
	} else if after != nil {
		lo = max(lo, sort.Search(len(in.items), func(i int) bool {
			t, id := in.key(in.items[i])
			return keyLess(after.at, after.id, t, id)
		}))
	}
	var out []T
	for i := range max(hi-lo, 0) {
		idx := lo + i
		if inverted {
			idx = hi - 1 - i
		}
		if in.keep(in.items[idx]) {
			out = append(out, in.items[idx])
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

// connectionObject shapes a page as DS's connection type: nodes, edges and pageInfo.
func connectionObject[T any](res pageResult[T], key func(T) (time.Time, int), raw func(T) map[string]any) map[string]any {
	nodes := make([]any, len(res.nodes))
	edges := make([]any, len(res.nodes))
	var start, end any
	for i, n := range res.nodes {
		t, id := key(n)
		c := encodeCursor(t, id)
		nodes[i] = raw(n)
		edges[i] = map[string]any{"cursor": c, "node": raw(n)}
		if i == 0 {
			start = c
		}
		end = c
	}
	return map[string]any{
		"nodes": nodes,
		"edges": edges,
		"pageInfo": map[string]any{
			"hasNextPage": res.hasNext, "hasPreviousPage": res.hasPrev,
			"startCursor": start, "endCursor": end,
		},
	}
}
