package types

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonTypes are the types of this package with the JSON engine's methods.
var jsonTypes = []any{
	&Actions{}, &Address{}, &AuthorizationInfo{}, &CardHolder{}, &CardInfo{}, &Cashback{}, &CashbackClient{},
	&CashbackValue{}, new(FlexInt), new(FlexString), &Item{}, &Money{}, &PageMeta{}, &RefundSummary{}, &Source{},
	&SubsidiaryData{}, &ThreeDS{}, &ThreeDSError{}, &Transaction{}, &TransactionCustomer{}, &TransactionMeta{},
	&TravelRuleData{}, &Page[Item]{},
}

// TestJSONMethodsThroughEncodingJSON: through encoding/json too, each object
// type keeps a member it does not model and writes it back, and the flexible
// scalars read a number or a numeric string.
func TestJSONMethodsThroughEncodingJSON(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	require.NoError(t, err)
	var marked, listed []string
	for _, f := range pkgs["types"].Files {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && fn.Name.Name == "JSONInline" {
				x := fn.Recv.List[0].Type.(*ast.StarExpr).X
				if ix, ok := x.(*ast.IndexExpr); ok { // Page[T]
					x = ix.X
				}
				marked = append(marked, x.(*ast.Ident).Name)
			}
		}
	}
	for _, v := range jsonTypes {
		name, _, _ := strings.Cut(reflect.TypeOf(v).Elem().Name(), "[")
		listed = append(listed, name)
	}
	sort.Strings(marked)
	sort.Strings(listed)
	require.Equal(t, marked, listed, "jsonTypes lists every type with a JSONInline marker")

	for _, v := range jsonTypes {
		name := reflect.TypeOf(v).Elem().Name()
		t.Run(name, func(t *testing.T) {
			if reflect.TypeOf(v).Elem().Kind() != reflect.Struct {
				for _, in := range []string{`7`, `"7"`} {
					require.NoError(t, json.Unmarshal([]byte(in), v))
					out, err := json.Marshal(v)
					require.NoError(t, err)
					assert.Contains(t, []string{`7`, `"7"`}, string(out))
				}
				return
			}
			require.NoError(t, json.Unmarshal([]byte(`{"zzFuture":{"a":[1,"2"]}}`), v))
			out, err := json.Marshal(v)
			require.NoError(t, err)
			assert.Contains(t, string(out), `"zzFuture":{"a":[1,"2"]}`)
		})
	}
}
