package jsonx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type known struct {
	A string `json:"a"`
	B int    `json:"b,omitempty"`
	C string `json:"-"`
	D string
}

func TestUnmarshalExtraKeepsOnlyUnknown(t *testing.T) {
	var k known
	extra, err := UnmarshalExtra([]byte(`{"a":"x","b":2,"D":"d","z":[1],"y":{"q":true}}`), &k)
	require.NoError(t, err)
	assert.Equal(t, known{A: "x", B: 2, D: "d"}, k)
	assert.Equal(t, map[string]json.RawMessage{"z": json.RawMessage(`[1]`), "y": json.RawMessage(`{"q":true}`)}, extra)

	extra, err = UnmarshalExtra([]byte(`{"a":"x"}`), &k)
	require.NoError(t, err)
	assert.Nil(t, extra)
	extra, err = UnmarshalExtra([]byte(`null`), &k)
	require.NoError(t, err)
	assert.Nil(t, extra)
	_, err = UnmarshalExtra([]byte(`[1]`), &k)
	assert.Error(t, err)
}

func TestMarshalExtraNeverOverridesModelledFields(t *testing.T) {
	b, err := MarshalExtra(known{A: "x"}, map[string]any{"a": "evil", "zz": 1, "m": map[string]int{"k": 2}})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"x","D":"","m":{"k":2},"zz":1}`, string(b), "extra keys sorted, appended once")

	b, err = MarshalExtra(struct{}{}, map[string]string{"type": "blik"})
	require.NoError(t, err)
	assert.Equal(t, `{"type":"blik"}`, string(b))

	b, err = MarshalExtra(known{A: "x"}, map[string]any(nil))
	require.NoError(t, err)
	assert.Equal(t, `{"a":"x","D":""}`, string(b))

	_, err = MarshalExtra(known{}, map[string]any{"bad": func() {}})
	assert.Error(t, err)
}

func TestUnmarshalExtraWhitespaceEscapesAndNesting(t *testing.T) {
	in := " {\n\t\"a\" :\t\"x\\\"}\" ,\r\n \"z\" : [ {\"}\":\"]\"} , \"\\\\\" ] , \"n\": -1.5e3 ,\"t\":true,\"nul\" : null , \"obj\":{\"a\":{\"b\":[1,{}]}} }\n"
	var k known
	extra, err := UnmarshalExtra([]byte(in), &k)
	require.NoError(t, err)
	assert.Equal(t, "x\"}", k.A)
	want := map[string]string{"z": `[ {"}":"]"} , "\\" ]`, "n": `-1.5e3`, "t": `true`, "nul": `null`, "obj": `{"a":{"b":[1,{}]}}`}
	got := map[string]string{}
	for key, v := range extra {
		got[key] = string(v)
	}
	assert.Equal(t, want, got)

	// An escaped key falls back to encoding/json, which unquotes it.
	extra, err = UnmarshalExtra([]byte(`{"a":"x","k\u00e9y":1,"b":2}`), &k)
	require.NoError(t, err)
	assert.Equal(t, map[string]json.RawMessage{"kéy": json.RawMessage(`1`)}, extra)
}

// FuzzUnmarshalExtra checks the member scanner against encoding/json: for
// any object encoding/json accepts, the extra members found are the same.
func FuzzUnmarshalExtra(f *testing.F) {
	for _, s := range []string{`{"a":"x","z":1}`, `{"z":{"a":"}"},"b":2,"y":["]",{"q":"\""}]}`, ` { } `, `null`, `{"k\"":1}`, `{"a":"\\","z":[]}`} {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"p":"1","r":"2","s":"3","named":{"p":"x"},"z":0}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var k known
		checkExtra(t, b, &k, map[string]bool{"a": true, "b": true, "D": true})
		var e withEmbedded
		checkExtra(t, b, &e, map[string]bool{"p": true, "q": true, "r": true, "s": true, "named": true, "tagged": true, "a": true})
	})
}

// checkExtra compares UnmarshalExtra's extra members with those
// encoding/json sees in b, apart from the modelled names.
func checkExtra(t *testing.T, b []byte, dst any, modelled map[string]bool) {
	t.Helper()
	extra, err := UnmarshalExtra(b, dst)
	var all map[string]json.RawMessage
	if json.Unmarshal(b, &all) != nil || err != nil {
		return
	}
	want := map[string]string{}
	for key, v := range all {
		if !modelled[key] {
			var x any
			require.NoError(t, json.Unmarshal(v, &x))
			want[key] = mustCanon(t, x)
		}
	}
	got := map[string]string{}
	for key, v := range extra {
		var x any
		require.NoError(t, json.Unmarshal(v, &x), "member %q: %s", key, v)
		got[key] = mustCanon(t, x)
	}
	require.Equal(t, want, got)
}

func mustCanon(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

type inner struct {
	P string `json:"p"`
	Q string `json:"q,omitempty"`
}

type unexportedInner struct {
	R string `json:"r"`
}

// Ptr is embedded by pointer.
type Ptr struct {
	S string `json:"s"`
}

type withEmbedded struct {
	inner
	unexportedInner
	*Ptr
	Named  inner  `json:"named"`
	Tagged inner  `json:"tagged"`
	A      string `json:"a"`
}

// TestUnmarshalExtraEmbeddedStructs checks that the fields an embedded
// struct promotes count as modelled, as encoding/json decodes them: they
// must not also land in extra (and be written twice by MarshalExtra).
func TestUnmarshalExtraEmbeddedStructs(t *testing.T) {
	in := `{"p":"1","q":"2","r":"3","s":"4","named":{"p":"n"},"tagged":{"p":""},"a":"x","z":true}`
	var k withEmbedded
	extra, err := UnmarshalExtra([]byte(in), &k)
	require.NoError(t, err)
	assert.Equal(t, "1", k.P)
	assert.Equal(t, "3", k.R)
	assert.Equal(t, "4", k.S)
	assert.Equal(t, map[string]json.RawMessage{"z": json.RawMessage(`true`)}, extra)

	b, err := MarshalExtra(k, extra)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(b))
}
