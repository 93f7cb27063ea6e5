package srctest

import (
	"go/parser"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestTypeName(t *testing.T) {
	for expr, want := range map[string]string{
		"Client": "Client", "*Client": "Client", "Page[T]": "Page", "*Page[K, V]": "Page",
		"types.Amount": "types.Amount", "*types.Page[T]": "types.Page", "map[string]int": "", "func()": "",
	} {
		e, err := parser.ParseExpr(expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := TypeName(e); got != want {
			t.Errorf("TypeName(%s) = %q, want %q", expr, got, want)
		}
	}
}

// TestFilesAndReceivers: the non-test files, in name order, and the
// receivers of a method, generic ones by their bare name.
func TestFilesAndReceivers(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"b.go":      "package p\n\ntype B[T any] struct{}\n\nfunc (B[T]) M() {}\n",
		"a.go":      "// Package p is a test.\npackage p\n\ntype A struct{}\n\nfunc (*A) M() {}\nfunc (A) N() {}\n",
		"a_test.go": "package p\n\ntype D struct{}\n\nfunc (D) M() {}\n",
		"notes.txt": "func (E) M() {}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	files := Files(t, dir)
	if len(files) != 2 || files[0].Name != filepath.Join(dir, "a.go") || files[1].Name != filepath.Join(dir, "b.go") || files[0].Doc == nil {
		t.Fatalf("Files = %v, want a.go (with its doc) and b.go", files)
	}
	if got := Receivers(t, dir, "M"); !slices.Equal(got, []string{"A", "B"}) {
		t.Errorf("Receivers(M) = %v, want [A B]", got)
	}
	type A struct{}
	type B[T any] struct{}
	CheckReceivers(t, dir, "M", []any{&A{}, B[int]{}})
	for i, list := range [][]any{{&A{}}, {&A{}, B[int]{}, &A{}}, {&A{}, &B[int]{}, struct{}{}}} {
		var r recorder
		CheckReceivers(&r, dir, "M", list)
		if !r.failed {
			t.Errorf("CheckReceivers passed list %d, which is short, repeats or adds a type", i)
		}
	}
}

// recorder is a testing.TB whose Fatalf only records that it was called.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
