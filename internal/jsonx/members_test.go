package jsonx

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMembers(t *testing.T) {
	var got []string
	err := Members([]byte(` { "a" : 1, "b\u0041":{"x":[1,"}"]} ,"c":"s\"","a":null } `), func(name, value []byte) {
		got = append(got, string(name)+"="+string(value))
	})
	require.NoError(t, err)
	assert.Equal(t, []string{`a=1`, `bA={"x":[1,"}"]}`, `c="s\""`, `a=null`}, got, "in order, names unescaped, values raw")

	require.NoError(t, Members([]byte(`{}`), func(_, _ []byte) { t.Error("no members") }))
	for _, bad := range []string{``, `{"a"}`, `{"a":1,}`, `{"a":1} x`, `{"a":tru}`} {
		var se *json.SyntaxError
		assert.ErrorAs(t, Members([]byte(bad), func(_, _ []byte) {}), &se, "%q is not JSON", bad)
	}
	for _, other := range []string{`[]`, `null`, `"s"`, `1`} {
		var se *SyntaxError
		assert.ErrorAs(t, Members([]byte(other), func(_, _ []byte) {}), &se, "%q is JSON but not an object", other)
	}
}

// TestMemberName holds MemberName to encoding/json's own matching of a
// member name to a field.
func TestMemberName(t *testing.T) {
	type target struct {
		RedirectURL json.RawMessage `json:"redirectUrl"`
	}
	for _, name := range []string{"redirectUrl", "REDIRECTURL", "redirecturl", "redirectUrI", "redirect_url", "redirectUr",
		"\u212aey", "redirectUrl ", strings.Repeat("r", 70)} {
		var v target
		require.NoError(t, json.Unmarshal([]byte(`{"`+name+`":1}`), &v))
		assert.Equal(t, v.RedirectURL != nil, NewMemberName("redirectUrl").Matches([]byte(name)), "%q", name)
	}
	assert.True(t, NewMemberName("key").Matches([]byte("\u212aEY")), "Kelvin sign folds to k, as in encoding/json")
}
