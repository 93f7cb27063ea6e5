package zentest

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/zen-go/zen/types"
)

// table is the in-memory store of one resource: items by id, kept in
// creation order (which is also createdAt order). The Server's mutex guards
// every table.
type table[T any] struct {
	byID  map[string]*T
	order []string
}

func (t *table[T]) add(id string, v *T) {
	if t.byID == nil {
		t.byID = map[string]*T{}
	}
	if _, ok := t.byID[id]; !ok {
		t.order = append(t.order, id)
	}
	t.byID[id] = v
}

// get returns the item or nil.
func (t *table[T]) get(id string) *T { return t.byID[id] }

func (t *table[T]) remove(id string) bool {
	if _, ok := t.byID[id]; !ok {
		return false
	}
	delete(t.byID, id)
	t.order = slices.DeleteFunc(t.order, func(s string) bool { return s == id })
	return true
}

// filter returns the items keep accepts (all when keep is nil), oldest
// first.
func (t *table[T]) filter(keep func(*T) bool) []*T {
	var out []*T
	for _, id := range t.order {
		if v := t.byID[id]; keep == nil || keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// withItem calls fn, with s.mu held, for the item tbl holds under the
// path value key, or calls notFound.
func withItem[T any](s *Server, w http.ResponseWriter, r *http.Request, tbl *table[T], key string, notFound func(http.ResponseWriter), fn func(v *T)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := tbl.get(r.PathValue(key))
	if v == nil {
		notFound(w)
		return
	}
	fn(v)
}

// onItem calls fn, with s.mu held, for the item tbl holds under the path
// value key, or answers ZEN's 404.
func onItem[T any](s *Server, w http.ResponseWriter, r *http.Request, tbl *table[T], key string, fn func(v *T)) {
	withItem(s, w, r, tbl, key, writeNotFound, fn)
}

// paging is the page-numbered query shared by ZEN's lists.
type paging struct {
	page, itemsPerPage int
	direction          types.Direction
	sortBy             string
}

var positiveRe = regexp.MustCompile(`^[1-9][0-9]*$`)

// parsePaging reads page, itemsPerPage, direction and sortBy with ZEN's
// defaults (1, 10, asc, createdAt). sortable lists the accepted sortBy
// values (createdAt when empty). It returns "" or the 400 message.
func parsePaging(q url.Values, sortable ...string) (paging, string) {
	p := paging{page: 1, itemsPerPage: 10, direction: types.Asc, sortBy: "createdAt"}
	if len(sortable) == 0 {
		sortable = []string{"createdAt"}
	}
	for _, f := range []struct {
		name string
		dst  *int
	}{{"page", &p.page}, {"itemsPerPage", &p.itemsPerPage}} {
		if v := q.Get(f.name); v != "" {
			n, err := strconv.Atoi(v)
			if !positiveRe.MatchString(v) || err != nil {
				return p, f.name + ": must match ^[1-9][0-9]*$"
			}
			*f.dst = n
		}
	}
	if v := q.Get("direction"); v != "" {
		if p.direction = types.Direction(v); !p.direction.IsKnown() {
			return p, "direction: must be asc or desc"
		}
	}
	if v := q.Get("sortBy"); v != "" {
		if !slices.Contains(sortable, v) {
			return p, "sortBy: must be one of " + strings.Join(sortable, ", ")
		}
		p.sortBy = v
	}
	return p, ""
}

// pagedList parses the request's paging (sortable as for parsePaging) and
// calls fn with s.mu held, or answers 400.
func (s *Server) pagedList(w *responseBuffer, r *http.Request, fn func(p paging), sortable ...string) {
	p, msg := parsePaging(r.URL.Query(), sortable...)
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(p)
}

// paginate cuts one page out of items, which are in ascending creation
// order, in the shape {data:[...], meta:{page,itemsPerPage,direction,sortBy}}.
func paginate[T any](items []T, p paging) types.Page[T] {
	if p.direction == types.Desc {
		items = slices.Clone(items)
		slices.Reverse(items)
	}
	start, end := window(len(items), p.page-1, p.itemsPerPage)
	data := items[start:end]
	if data == nil {
		data = []T{}
	}
	return types.Page[T]{
		Data: data,
		Meta: types.PageMeta{
			Page:         types.FlexInt(p.page),
			ItemsPerPage: types.FlexInt(p.itemsPerPage),
			Direction:    p.direction,
			SortBy:       p.sortBy,
		},
	}
}

// window returns the bounds of page (0-based) of size per in n items,
// without overflowing for pages or sizes near the int limit (the query may
// ask for any).
func window(n, page, per int) (start, end int) {
	start = n
	if page <= n/per {
		start = min(page*per, n)
	}
	return start, start + min(per, n-start)
}
