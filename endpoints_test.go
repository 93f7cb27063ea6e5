package zen

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
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
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string][]string{}
	var serviceMethods []string
	for _, f := range pkgs["zen"].Files {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			recv := receiverName(fn)
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

func receiverName(fn *ast.FuncDecl) string {
	typ := fn.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name
	}
	return ""
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
