// Package srctest reads a package's own source for the tests that hold it
// to a rule written down elsewhere: every type with a JSONInline marker is
// listed, every service method is named and documented as the style guide
// says.
package srctest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// File is one parsed source file and its path.
type File struct {
	Name string // dir joined with the file's name
	*ast.File
}

// Files parses the non-test .go files in dir, doc comments included, in
// the order of their names; t fails when dir cannot be read or a file does
// not parse.
func Files(t testing.TB, dir string) []File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		name := filepath.Join(dir, e.Name())
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: name, File: f})
	}
	if len(files) == 0 {
		t.Fatalf("%s: no Go source files", dir)
	}
	return files
}

// TypeName returns the name of the type e denotes, without a '*' or type
// arguments: "Client" for *Client, "Page" for Page[T], "types.Amount" for
// types.Amount; "" for any other expression (a func, map or slice type).
func TypeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return TypeName(e.X)
	case *ast.IndexExpr:
		return TypeName(e.X)
	case *ast.IndexListExpr:
		return TypeName(e.X)
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return TypeName(e.X) + "." + e.Sel.Name
	}
	return ""
}

// Receivers returns, sorted, the names of the types in dir's source that
// have a method called method.
func Receivers(t testing.TB, dir, method string) []string {
	t.Helper()
	var names []string
	for _, f := range Files(t, dir) {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && fn.Name.Name == method {
				names = append(names, TypeName(fn.Recv.List[0].Type))
			}
		}
	}
	slices.Sort(names)
	return names
}

// CheckReceivers fails t unless the types of values (each a value or a
// pointer to one) are, once each, the types in dir's source that have a
// method called method: a test that walks a hand-written list of types
// misses none and holds no stale one.
func CheckReceivers(t testing.TB, dir, method string, values []any) {
	t.Helper()
	var listed []string
	for _, v := range values {
		typ := reflect.TypeOf(v)
		if typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		name, _, _ := strings.Cut(typ.Name(), "[") // Page[T] is Page
		listed = append(listed, name)
	}
	slices.Sort(listed)
	declared := Receivers(t, dir, method)
	if !slices.Equal(listed, declared) {
		t.Fatalf("the list has %v, the types with a %s method are %v", listed, method, declared)
	}
}
