package zen

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// zenAPILine matches the last line of every endpoint method's doc comment,
// e.g. "ZEN API: GET /v3/customers/{merchantCustomerId} (path inferred)".
var zenAPILine = regexp.MustCompile(`ZEN API: (GET|POST|PATCH|PUT|DELETE) (\S+)`)

var placeholder = regexp.MustCompile(`\{[^}]*\}`)

func normalizeEndpoint(method, path string) string {
	return method + " " + placeholder.ReplaceAllString(path, "{}")
}

// documentedEndpoints maps each "METHOD /path/{}" named by a "ZEN API:"
// line to the methods whose doc comments name it.
func documentedEndpoints(t *testing.T) (map[string][]string, []string) {
	t.Helper()
	found := map[string][]string{}
	var serviceMethods []string
	for _, f := range parsePackage(t, ".") {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			recv := typeName(fn.Recv.List[0].Type)
			if !strings.HasSuffix(recv, "Service") {
				continue
			}
			name := recv + "." + fn.Name.Name
			serviceMethods = append(serviceMethods, name)
			if fn.Doc == nil {
				continue
			}
			for _, m := range zenAPILine.FindAllStringSubmatch(fn.Doc.Text(), -1) {
				key := normalizeEndpoint(m[1], m[2])
				found[key] = append(found[key], name)
			}
		}
	}
	return found, serviceMethods
}

// TestEveryNavigationEndpointHasAMethod reads the endpoint list of ZEN's API
// reference navigation (testdata/endpoints.tsv, one row per operation of
// that navigation) and fails if any endpoint has no service
// method whose doc comment names it.
func TestEveryNavigationEndpointHasAMethod(t *testing.T) {
	f, err := os.Open("testdata/endpoints.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found, _ := documentedEndpoints(t)
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	rows := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 || cols[0] == "legacy" || cols[0] == "checkout" {
			continue
		}
		rows++
		key := normalizeEndpoint(cols[2], cols[3])
		if len(found[key]) == 0 {
			t.Errorf("%s / %s: no method documents %q", cols[0], cols[1], key)
		}
	}
	if rows != 72 {
		t.Errorf("endpoints.tsv has %d navigation rows, want 72", rows)
	}
}

// TestEveryServiceMethodNamesItsEndpoint fails for an exported service
// method whose doc comment lacks its "ZEN API:" line (list iterators name
// the endpoint they page through).
func TestEveryServiceMethodNamesItsEndpoint(t *testing.T) {
	found, methods := documentedEndpoints(t)
	named := map[string]bool{}
	for _, ms := range found {
		for _, m := range ms {
			named[m] = true
		}
	}
	offline := map[string]bool{"CheckoutService.Sign": true} // signs locally, calls nothing
	var missing []string
	for _, m := range methods {
		if !named[m] && !offline[m] {
			missing = append(missing, m)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("service methods without a \"ZEN API: METHOD /path\" doc line: %s", strings.Join(missing, ", "))
	}
}

// tableRow is one endpoint of endpoints.go as written in the source.
type tableRow struct {
	name, method, path, sure, retry string
	money, checkout                 bool
	readBack                        string // the row a money call reads back from
}

// endpointTable reads the endpoint table from endpoints.go.
func endpointTable(t *testing.T) map[string]tableRow {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "endpoints.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]tableRow{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || !strings.HasPrefix(vs.Names[0].Name, "ep") || len(vs.Values) != 1 {
			return true
		}
		u, ok := vs.Values[0].(*ast.UnaryExpr)
		if !ok {
			return true
		}
		lit := u.X.(*ast.CompositeLit)
		row := tableRow{name: vs.Names[0].Name}
		for _, e := range lit.Elts {
			kv := e.(*ast.KeyValueExpr)
			key := kv.Key.(*ast.Ident).Name
			switch v := kv.Value.(type) {
			case *ast.BasicLit:
				if key == "path" {
					row.path = strings.Trim(v.Value, `"`)
				}
			case *ast.SelectorExpr: // http.MethodGet
				row.method = strings.ToUpper(strings.TrimPrefix(v.Sel.Name, "Method"))
			case *ast.Ident:
				switch key {
				case "sure":
					row.sure = v.Name
				case "retry":
					row.retry = v.Name
				case "money":
					row.money = v.Name == "true"
				case "checkout":
					row.checkout = v.Name == "true"
				case "readBack":
					row.readBack = v.Name
				}
			}
		}
		rows[row.name] = row
		return true
	})
	return rows
}

// TestEndpointTable ties the one endpoint table to everything that must
// agree with it: each service method's "ZEN API:" doc line names the
// method, path and confidence of the row it calls, every row is called,
// every row is a row of ZEN's navigation (testdata/endpoints.tsv) with the
// same confidence, and the retry class follows from the verb and the body.
func TestEndpointTable(t *testing.T) {
	rows := endpointTable(t)
	require.Equal(t, 74, len(rows), "endpoints in endpoints.go: the 72 of ZEN's navigation, the legacy /v1/terminals and hosted checkout")

	tsv := map[string]string{} // "METHOD path" -> confidence
	data, err := os.ReadFile("testdata/endpoints.tsv")
	require.NoError(t, err)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		cols := strings.Split(line, "\t")
		tsv[cols[2]+" "+cols[3]] = cols[4]
	}

	used := map[string]bool{}
	for _, f := range parsePackage(t, ".") {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() || !strings.HasSuffix(typeName(fn.Recv.List[0].Type), "Service") || fn.Body == nil {
				continue
			}
			name := typeName(fn.Recv.List[0].Type) + "." + fn.Name.Name
			var eps []string
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && rows[id.Name].name != "" {
					eps = append(eps, id.Name)
				}
				return true
			})
			for _, ep := range eps {
				used[ep] = true
				row := rows[ep]
				path := row.path
				if row.checkout {
					path = ProductionCheckoutURL + path
				}
				want := fmt.Sprintf("ZEN API: %s %s (path %s)", row.method, path, row.sure)
				if fn.Doc == nil || !strings.Contains(fn.Doc.Text(), want) {
					t.Errorf("%s calls %s: its doc lacks %q", name, ep, want)
				}
			}
		}
	}
	for name, row := range rows {
		assert.True(t, used[name], "%s is called by no service method", name)
		path := row.path
		if row.checkout {
			path = ProductionCheckoutURL + path
		}
		conf, ok := tsv[row.method+" "+path]
		if !assert.True(t, ok, "%s: %s %s is not in endpoints.tsv", name, row.method, path) {
			continue
		}
		wantSure := "inferred"
		if conf == "confirmed" || conf == "seed" {
			wantSure = "confirmed"
		}
		assert.Equal(t, wantSure, row.sure, "%s: endpoints.tsv says %s", name, conf)
		if row.readBack != "" || (row.money && !strings.Contains(name, "Renew")) {
			// The read-back settles an unknown outcome: a GET of the
			// transaction by merchantTransactionId (creates) or by id.
			want := "{id}"
			if strings.HasSuffix(name, "Create") {
				want = "{merchantTransactionId}"
			}
			rb := rows[row.readBack]
			assert.True(t, row.money && rb.method == "GET" && strings.HasSuffix(rb.path, "/"+want),
				"%s reads back from %q (%s %s); want a GET of the transaction by %s", name, row.readBack, rb.method, rb.path, want)
		}
		switch {
		case row.money:
			assert.Equal(t, "keyed", row.retry, "%s moves money: its body carries a merchantTransactionId", name)
		case row.method != "POST":
			assert.Equal(t, "idempotent", row.retry, "%s", name)
		}
	}
}

// TestEndpointPathsEscapeParameters calls prepare on a row with two
// parameters: each value is escaped into its own placeholder, and a value
// that breaks its rule is refused before any URL is built.
func TestEndpointPathsEscapeParameters(t *testing.T) {
	path, err := epCardGet.prepare(args{ids: ids(
		uuidParam("merchantCustomerId", "3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c"),
		uuidID("9b2a5d8e-7f6a-4b2c-8c1e-3f1c2b9e7a6d"))})
	require.NoError(t, err)
	assert.Equal(t, "/v3/customers/3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c/payments/card/9b2a5d8e-7f6a-4b2c-8c1e-3f1c2b9e7a6d", path)

	path, err = epPlanGet.prepare(args{ids: ids(freeID("plan a/b?c")), query: url.Values{"x": {"1 2"}}})
	require.NoError(t, err)
	assert.Equal(t, "/v1/subscriptions/plans/plan%20a%2Fb%3Fc?x=1+2", path)

	_, err = epPlanGet.prepare(args{ids: ids(freeID(".."))})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "id", ve.Field)

	_, err = epCardGet.prepare(args{ids: ids(uuidID("9b2a5d8e-7f6a-4b2c-8c1e-3f1c2b9e7a6d"))})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "path", ve.Field, "an unfilled placeholder is refused, never sent")
}

// TestPathParametersNeverClimb: a merchantTransactionId may hold "/", which
// is escaped as %2F; a dot segment inside it is still refused, in case a
// server on the way decodes the slash ("../<id>" would name another
// transaction).
func TestPathParametersNeverClimb(t *testing.T) {
	for _, id := range []string{"../0f8fad5b-d9cb-469f-a165-70867728950e", "a/./b", "a/..", "x/../../v1"} {
		_, err := epPurchaseGetByMTID.prepare(args{ids: ids(mtidParam(id))})
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, id)
		assert.Equal(t, ValidationError{Field: "merchantTransactionId", Rule: "must not contain a dot segment"}, *ve, id)
	}
	path, err := epPurchaseGetByMTID.prepare(args{ids: ids(mtidParam("shop/2024/order-7"))})
	require.NoError(t, err)
	assert.Equal(t, "/v1/transactions/merchant/shop%2F2024%2Forder-7", path)
}
