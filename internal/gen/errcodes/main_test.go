package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGeneratedTableIsUpToDate regenerates the table from the tsv into a
// temporary directory and compares it with the committed file: a change to
// the tsv (or to this generator) without `go generate ./types` fails here.
func TestGeneratedTableIsUpToDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "errorcodes_gen.go")
	require.NoError(t, run("error-codes.tsv", out))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	committed, err := os.ReadFile("../../../types/errorcodes_gen.go")
	require.NoError(t, err)
	if string(got) != string(committed) {
		t.Fatal("types/errorcodes_gen.go is stale: run `go generate ./types`")
	}
	first, _, _ := strings.Cut(string(got), "\n")
	assert.Regexp(t, `^// Code generated .* DO NOT EDIT\.$`, first)
}

// TestParseRefusesBadRows: every row must be well formed, so a bad edit of
// the tsv fails generation instead of producing a wrong table.
func TestParseRefusesBadRows(t *testing.T) {
	const head = "code\tfamily\tdescription\tcategory\n"
	cases := []struct{ in, want string }{
		{"code\tdescription\n", "line 1: header must be"},
		{head + "C00001\tC\tText\n", "line 2: 3 columns, want 4"},
		{head + "X1\tX\tText\tdeclined\n", `line 2: code "X1" does not look like a ZEN code`},
		{head + "C00001\tE\tText\tdeclined\n", `line 2: code C00001 is not of family "E"`},
		{head + "C00001\tC\t \tdeclined\n", "line 2: code C00001 has no description"},
		{head + "C00001\tC\tText\tfatal\n", `line 2: code C00001 has unknown category "fatal"`},
		{head + "C00002\tC\tText\tdeclined\nC00001\tC\tText\tdeclined\n", "line 3: code C00001 is out of order or repeated"},
		{head + "C00001\tC\tText\tdeclined\nC00001\tC\tText\tdeclined\n", "line 3: code C00001 is out of order or repeated"},
		{head, "no codes"},
	}
	for _, c := range cases {
		_, err := parse(strings.NewReader(c.in))
		if assert.Error(t, err, c.in) {
			assert.Equal(t, c.want, err.Error()[:min(len(err.Error()), len(c.want))], c.in)
		}
	}
	rows, err := parse(strings.NewReader(head + "C00001\tC\tText\tdeclined\r\nE00001\tE\tMore\tother\n"))
	require.NoError(t, err)
	assert.Equal(t, []row{{"C00001", "C", "Text", "declined"}, {"E00001", "E", "More", "other"}}, rows)
}
