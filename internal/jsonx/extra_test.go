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
