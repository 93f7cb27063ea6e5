package zen

import (
	"go/ast"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/internal/srctest"
)

// The naming rules of CONTRIBUTING.md ("Naming"), enforced on the exported
// API as written in the source, so that a newcomer guesses a name right.

// parsePackage returns the non-test files of the package in dir, doc
// comments included: the one parse of the source for this package's tests.
func parsePackage(t *testing.T, dir string) []srctest.File {
	t.Helper()
	return srctest.Files(t, dir)
}

// serviceVerbs are the verbs a service method name starts with: the same
// set everywhere, plus the API's own operations.
var serviceVerbs = []string{
	"Create", "Get", "List", "All", "Update", "Delete", // the common set
	"Capture", "Cancel", "Renew", "Activate", "Deactivate", "Calculate", "Download",
	"Sign", "Verify", "Init", "Refresh", "Select", "Validate", // ZEN's own operations
}

// typeName is the name of a receiver or parameter type: "Client" for
// *Client, "context.Context" (see srctest.TypeName).
func typeName(e ast.Expr) string { return srctest.TypeName(e) }

// TestServiceNamingRules checks every exported method of every service: its
// name starts with one of serviceVerbs, a request body it takes is named
// <Resource><Method>Request, and list parameters <Resource>ListParams (or
// <Resource><Method>Params for other reads; All and AllX take the params of
// List and ListX), where <Resource> is the
// service type's name without "Service".
func TestServiceNamingRules(t *testing.T) {
	methods := 0
	for _, f := range parsePackage(t, ".") {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			svc := typeName(fn.Recv.List[0].Type)
			if !strings.HasSuffix(svc, "Service") {
				continue
			}
			methods++
			name := svc + "." + fn.Name.Name
			resource := strings.TrimSuffix(svc, "Service")
			assert.True(t, slices.ContainsFunc(serviceVerbs, func(v string) bool { return strings.HasPrefix(fn.Name.Name, v) }),
				"%s: a method name starts with a verb of the common set or one of ZEN's operations", name)
			for _, p := range fn.Type.Params.List {
				typ := typeName(p.Type)
				_, isPtr := p.Type.(*ast.StarExpr)
				switch {
				case typ == "context.Context" || typ == "string" || typ == "io.Writer":
				case isPtr:
					assert.Equal(t, resource+fn.Name.Name+"Request", typ, "%s: request body type", name)
				default:
					// All and AllX take the params of List and ListX.
					want := resource + fn.Name.Name + "Params"
					if rest, ok := strings.CutPrefix(fn.Name.Name, "All"); ok {
						want = resource + "List" + rest + "Params"
					}
					assert.Equal(t, want, typ, "%s: params type", name)
				}
			}
		}
	}
	assert.Greater(t, methods, 80, "service methods checked")
}

// TestEveryRequestTypeBelongsToAMethod: an exported *Request or *Params
// type is the body or params of a service method named by the rule above
// (ListParams, embedded by every <Resource>ListParams, aside).
func TestEveryRequestTypeBelongsToAMethod(t *testing.T) {
	used := map[string]bool{"ListParams": true}
	var declared []string
	for _, f := range parsePackage(t, ".") {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil && strings.HasSuffix(typeName(d.Recv.List[0].Type), "Service") {
					for _, p := range d.Type.Params.List {
						used[typeName(p.Type)] = true
					}
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() &&
						(strings.HasSuffix(ts.Name.Name, "Request") || strings.HasSuffix(ts.Name.Name, "Params")) {
						declared = append(declared, ts.Name.Name)
					}
				}
			}
		}
	}
	require.Greater(t, len(declared), 40, "the parse found the request and params types")
	for _, name := range declared {
		assert.True(t, used[name], "%s is named like a request or params type but no service method takes it", name)
	}
}

// badInitialism finds Go initialisms written in mixed case: Id, Url, Ipn,
// Json, Http, Uuid, Sca, Api, Cvv, Iban and Ip as a word of an identifier.
var badInitialism = regexp.MustCompile(`(Id|Url|Ipn|Json|Http|Uuid|Sca|Api|Cvv|Iban|Ip)([A-Z]|$)`)

// TestInitialisms checks exported names in zen and types (types, funcs,
// methods, struct fields, constants) for initialisms in mixed case.
func TestInitialisms(t *testing.T) {
	checked := 0
	for _, dir := range []string{".", "types"} {
		for _, f := range parsePackage(t, dir) {
			ast.Inspect(f.File, func(n ast.Node) bool {
				var names []*ast.Ident
				switch n := n.(type) {
				case *ast.FuncDecl:
					names = append(names, n.Name)
				case *ast.TypeSpec:
					names = append(names, n.Name)
				case *ast.ValueSpec:
					names = append(names, n.Names...)
				case *ast.Field:
					names = append(names, n.Names...)
				}
				for _, id := range names {
					checked++
					if id.IsExported() && badInitialism.MatchString(id.Name) {
						t.Errorf("%s/%s: write initialisms in one case (ID, URL, IPN, JSON, HTTP, UUID, SCA, API, CVV, IBAN, IP)", dir, id.Name)
					}
				}
				return true
			})
		}
	}
	require.Greater(t, checked, 1000, "the parse found the packages' names")
}

// TestNoNameMeansTwoThings: zen declares no exported type under a name that
// types also declares, except aliases (zen re-exports some of types' error
// types).
func TestNoNameMeansTwoThings(t *testing.T) {
	exported := func(dir string) map[string]bool {
		out := map[string]bool{}
		for _, f := range parsePackage(t, dir) {
			for _, d := range f.Decls {
				if g, ok := d.(*ast.GenDecl); ok {
					for _, s := range g.Specs {
						if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() && !ts.Assign.IsValid() {
							out[ts.Name.Name] = true
						}
					}
				}
			}
		}
		return out
	}
	inTypes := exported("types")
	require.Greater(t, len(inTypes), 30, "the parse found types' declarations")
	for name := range exported(".") {
		if inTypes[name] {
			t.Errorf("zen.%s and types.%s both exist: one name, one thing", name, name)
		}
	}
}
