package zentest_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// writePurchase writes a purchase request by hand on conn, announcing
// missing more body bytes than it sends.
func writePurchase(t *testing.T, conn net.Conn, card string, missing int) {
	t.Helper()
	raw, err := json.Marshal(purchase(newMTID(), "1.00", card))
	require.NoError(t, err)
	_, err = fmt.Fprintf(conn, "POST /v1/transactions HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer %s\r\n"+
		"request-id: zentest-raw-request-0123456789abcdefghijk\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		zentest.DefaultAPIKey, len(raw)+missing, raw)
	require.NoError(t, err)
}

// With WithListeners a request may wait on the listener before NewServer
// returns (cmd/zen-fake listens on fixed ports): its handler must already
// see the server's URLs (-race flagged the late assignment, and a 3-D
// Secure redirect could point at "/authorize/...").
func TestRequestWaitingAtStart(t *testing.T) {
	api, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	conn, err := net.Dial("tcp", api.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	writePurchase(t, conn, zentest.Card3DS, 0)

	srv := newServer(t, zentest.WithListeners(api, nil))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var got types.Transaction
	require.NoError(t, json.NewDecoder(res.Body).Decode(&got))
	assert.True(t, strings.HasPrefix(got.RedirectURL, srv.CheckoutURL+"/authorize/"), got.RedirectURL)
}

// Close does not wait for a client that sent the headers of a request and
// never its body.
func TestCloseCutsAStalledRequestBody(t *testing.T) {
	srv := zentest.NewServer()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = fmt.Fprintf(conn, "POST /v1/transactions HTTP/1.1\r\nHost: fake\r\nContent-Type: application/json\r\n"+
		"Content-Length: 100\r\nExpect: 100-continue\r\n\r\n")
	require.NoError(t, err)
	// The server answers 100 Continue when the handler starts reading the
	// body: from then on the request is in progress.
	line, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "HTTP/1.1 100 Continue\r\n", line)

	closeWithin(t, srv, "Close waits for a request body that never comes")
}

// A request whose body stops short of its Content-Length (the client went
// away) is not processed, even when the part received is valid JSON.
func TestTruncatedBodyIsNotProcessed(t *testing.T) {
	srv := newServer(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	writePurchase(t, conn, zentest.CardApproved, 10)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())

	answer, _ := io.ReadAll(conn) // until the server drops the connection (EOF or reset)
	assert.Empty(t, string(answer))
	assert.Empty(t, srv.Transactions())
}
