package zen

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDoSendsHeadersAndDecodes(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/ping", Query: "a=b"}, 200, `{"ok":true}`)
	var out struct{ OK bool }
	require.NoError(t, c.do(t.Context(), http.MethodGet, "/v1/ping?a=b", nil, &out))
	assert.True(t, out.OK)
}
