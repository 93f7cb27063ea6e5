package zentest

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"time"
)

// ElsewhereTransactionID is the id of the transaction the elsewhere
// listener answers every request with: an SDK that returns it took another
// host's answer for ZEN's.
const ElsewhereTransactionID = "e15e3e4e-0000-4000-8000-00000000e15e"

// elsewhere is the other origin the redirect faults send clients to: a
// listener on another port (over the API's scheme), plus, with WithTLS, a
// plain-http one. Both record what they receive and answer a plausible
// transaction, like a hostile or mistaken host would.
type elsewhere struct {
	srv       *httptest.Server
	plain     *httptest.Server // with WithTLS only; srv otherwise
	scheme    string           // srv's: "http" or "https"
	port      string           // srv's port
	plainPort string           // plain's port
}

// startElsewhere starts the elsewhere listeners; s.cfg must be final.
func (s *Server) startElsewhere() {
	h := http.HandlerFunc(s.serveElsewhere)
	e := &s.elsewhere
	// On the API's loopback IP (127.0.0.1 unless WithListeners chose
	// another), so that the same host name reaches both.
	ip := "127.0.0.1"
	if a, ok := s.api.Listener.Addr().(*net.TCPAddr); ok && a.IP.IsLoopback() {
		ip = a.IP.String()
	}
	e.srv = newUnstarted(listen(ip), h)
	if s.cfg.tls {
		startTLS(e.srv)
		e.plain = newUnstarted(listen(ip), h)
		e.plain.Start()
	} else {
		e.srv.Start()
		e.plain = e.srv
	}
	e.scheme = "http"
	if s.cfg.tls {
		e.scheme = "https"
	}
	_, e.port, _ = net.SplitHostPort(e.srv.Listener.Addr().String())
	_, e.plainPort, _ = net.SplitHostPort(e.plain.Listener.Addr().String())
}

// listen listens on a free port of the loopback IP ip.
func listen(ip string) net.Listener {
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		panic("zentest: listening on " + ip + ": " + err.Error())
	}
	return l
}

func (e *elsewhere) close() {
	e.srv.Close()
	e.plain.Close()
}

// serveElsewhere records the request and answers 200 with a transaction
// that is not ZEN's (ElsewhereTransactionID), whatever the method and path.
func (s *Server) serveElsewhere(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		hijackClose(w)
		return
	}
	rec := s.record(r, raw, false)
	rec.Status = http.StatusOK
	s.mu.Lock()
	s.elsewhereRequests = append(s.elsewhereRequests, *rec)
	s.mu.Unlock()
	now := s.now().Format(time.RFC3339Nano)
	writeJSON(w, http.StatusOK, map[string]any{
		"id":                    ElsewhereTransactionID,
		"merchantTransactionId": "elsewhere",
		"type":                  "TRT_PURCHASE",
		"status":                "ACCEPTED",
		"amount":                "1.00",
		"currency":              "EUR",
		"createdAt":             now,
		"modifiedAt":            now,
	})
}

// ElsewhereRequests returns every request the redirect faults' other
// origins received (another host or port, plain http), in arrival order,
// recorded like Requests (Authorization redacted to show only that it was
// sent); Origin tells which one. They are copies.
func (s *Server) ElsewhereRequests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneRequests(s.elsewhereRequests)
}

func cloneRequests(in []RecordedRequest) []RecordedRequest {
	out := make([]RecordedRequest, len(in))
	for i, r := range in {
		r.Query, r.Header, r.Body = cloneValues(r.Query), r.Header.Clone(), slices.Clone(r.Body)
		out[i] = r
	}
	return out
}
