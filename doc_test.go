package zen

import (
	"go/ast"
	"os"
	"path/filepath"
	"testing"
)

// TestExportedIdentifiersHaveDocs fails for any exported identifier of the
// public packages that has no doc comment, so the rule of the style guide is
// checked by `go test` rather than by review.
func TestExportedIdentifiersHaveDocs(t *testing.T) {
	for _, dir := range []string{".", "types", "zentest"} {
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		for _, f := range parsePackage(t, dir) {
			for _, missing := range undocumented(f.File) {
				t.Errorf("%s: exported %s has no doc comment", filepath.ToSlash(f.Name), missing)
			}
		}
	}
}

func undocumented(f *ast.File) []string {
	var out []string
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() && d.Doc == nil && exportedReceiver(d) {
				out = append(out, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() && s.Doc == nil && d.Doc == nil {
						out = append(out, s.Name.Name)
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() && s.Doc == nil && s.Comment == nil && d.Doc == nil {
							out = append(out, n.Name)
						}
					}
				}
			}
		}
	}
	return out
}

// exportedReceiver reports whether a method's receiver type is exported
// (methods of unexported types are not part of the API).
func exportedReceiver(d *ast.FuncDecl) bool {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return true
	}
	name := typeName(d.Recv.List[0].Type)
	return name == "" || ast.IsExported(name)
}
