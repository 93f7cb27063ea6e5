package zentest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Fault is a failure the server can inject into an API request (the
// api.zen.com routes and POST /api/checkouts; never the HTML pages). The
// zero Fault is FaultNone. Faults are comparable values, so they can be
// table keys and compared with ==; build them with the Fault* variables
// and functions.
type Fault struct {
	kind     faultKind
	status   int           // the answer's status: FaultStatus and redirects
	delay    time.Duration // FaultSlowAnswer and FaultSlowStart
	location string        // FaultRedirect
}

type faultKind uint8

const (
	kindNone faultKind = iota
	kindStatus
	kindDrop
	kindLoseResponse
	kindTruncate
	kindSlowAnswer
	kindSlowStart
	kindRedirect          // to a fixed Location
	kindRedirectOtherHost // to the elsewhere listener, under another host name
	kindRedirectOtherPort // to the elsewhere listener, same host name
	kindRedirectPlainHTTP // to plain http on the same host name
	kindRedirectLoop      // to the request's own URL
)

// Faults the server can inject. FaultRateLimit, FaultUnavailable and
// FaultServerError are FaultStatus(429), FaultStatus(503) and
// FaultStatus(500).
var (
	// FaultNone lets the request through.
	FaultNone = Fault{}
	// FaultRateLimit answers 429 with Retry-After; nothing is processed.
	FaultRateLimit = FaultStatus(http.StatusTooManyRequests)
	// FaultUnavailable answers 503 with Retry-After; nothing is processed.
	FaultUnavailable = FaultStatus(http.StatusServiceUnavailable)
	// FaultServerError answers 500; nothing is processed.
	FaultServerError = FaultStatus(http.StatusInternalServerError)
	// FaultDrop closes the connection without processing the request or
	// answering.
	FaultDrop = Fault{kind: kindDrop}
	// FaultLoseResponse processes the request (the transaction IS created
	// or changed) and then closes the connection without answering, like a
	// response lost on the way back.
	FaultLoseResponse = Fault{kind: kindLoseResponse}
	// FaultTruncate processes the request as usual, sends the answer's
	// status and headers with the full Content-Length, then only the first
	// half of the body, and closes the connection: the client gets
	// io.ErrUnexpectedEOF reading the body (an empty body has nothing to
	// cut). A streamed report file is cut before its stream.
	FaultTruncate = Fault{kind: kindTruncate}
)

// FaultStatus answers status (400..599) in ZEN's error shape
// {"error":{"code":"<status>","message":"<status text>"}}, with
// Retry-After for 429 and 503 when Faults.RetryAfter is set; nothing is
// processed. It panics on a status outside 400..599.
func FaultStatus(status int) Fault {
	if status < 400 || status > 599 {
		panic(fmt.Sprintf("zentest: FaultStatus(%d): want a 4xx or 5xx status", status))
	}
	return Fault{kind: kindStatus, status: status}
}

// FaultSlowAnswer processes the request at once (the transaction IS
// created or changed, and recorded in Requests) and sends its answer d
// later, for testing a caller whose deadline ends before ZEN answers. The
// answer is never sent when the client goes away or the server closes
// during the wait.
func FaultSlowAnswer(d time.Duration) Fault {
	return Fault{kind: kindSlowAnswer, delay: max(d, 0)}
}

// FaultSlowStart waits d before processing the request, like a queue in
// front of ZEN. When the client goes away (or the server closes) during
// the wait, the request is neither processed nor answered and is recorded
// with Status 0; otherwise it is processed and answered at once after d.
func FaultSlowStart(d time.Duration) Fault {
	return Fault{kind: kindSlowStart, delay: max(d, 0)}
}

// FaultRedirect answers status (300..399) with the given Location, absolute
// or relative (e.g. "/v1/transactions/<id>" of another transaction, served
// as usual when followed); nothing is processed. It panics on a status
// outside 300..399.
func FaultRedirect(status int, location string) Fault {
	return Fault{kind: kindRedirect, status: redirectStatus(status), location: location}
}

// FaultRedirectOtherHost answers status (300..399) with a Location of the
// same path and query on another host: the elsewhere listener (see
// ElsewhereRequests), named localhost when the request came to an IP and
// 127.0.0.1 when it came to localhost, over the API's scheme. Nothing is
// processed.
func FaultRedirectOtherHost(status int) Fault {
	return Fault{kind: kindRedirectOtherHost, status: redirectStatus(status)}
}

// FaultRedirectOtherPort answers status (300..399) with a Location of the
// same path and query on the same host name and scheme but another port:
// the elsewhere listener. Nothing is processed.
func FaultRedirectOtherPort(status int) Fault {
	return Fault{kind: kindRedirectOtherPort, status: redirectStatus(status)}
}

// FaultRedirectPlainHTTP answers status (300..399) with a Location of the
// same path and query on the same host name over plain http (with WithTLS,
// https://127.0.0.1:<api port> → http://127.0.0.1:<another port>), a
// listener that records what it gets in ElsewhereRequests. Without WithTLS
// it is FaultRedirectOtherPort. Nothing is processed.
func FaultRedirectPlainHTTP(status int) Fault {
	return Fault{kind: kindRedirectPlainHTTP, status: redirectStatus(status)}
}

// FaultRedirectLoop answers status (300..399) with the request's own URL as
// Location, and keeps redirecting every request to that URL, whatever its
// method, that carries the same request-id or none; nothing is processed.
// The first request to the URL with another request-id ends the loop and
// is served as usual, so the next call of a client is not caught in it.
func FaultRedirectLoop(status int) Fault {
	return Fault{kind: kindRedirectLoop, status: redirectStatus(status)}
}

func redirectStatus(status int) int {
	if status < 300 || status > 399 {
		panic(fmt.Sprintf("zentest: redirect fault with status %d: want a 3xx status", status))
	}
	return status
}

// Status returns the status the fault answers without processing the
// request (FaultStatus and the redirects), or 0.
func (f Fault) Status() int { return f.status }

// String returns the fault's name, e.g. "LoseResponse", "Status(400)",
// "SlowAnswer(50ms)" or "RedirectLoop(302)".
func (f Fault) String() string {
	switch f.kind {
	case kindNone:
		return "None"
	case kindStatus:
		switch f.status {
		case http.StatusTooManyRequests:
			return "RateLimit"
		case http.StatusServiceUnavailable:
			return "Unavailable"
		case http.StatusInternalServerError:
			return "ServerError"
		}
		return "Status(" + strconv.Itoa(f.status) + ")"
	case kindDrop:
		return "Drop"
	case kindLoseResponse:
		return "LoseResponse"
	case kindTruncate:
		return "Truncate"
	case kindSlowAnswer:
		return "SlowAnswer(" + f.delay.String() + ")"
	case kindSlowStart:
		return "SlowStart(" + f.delay.String() + ")"
	case kindRedirect:
		return "Redirect(" + strconv.Itoa(f.status) + " " + f.location + ")"
	case kindRedirectOtherHost:
		return "RedirectOtherHost(" + strconv.Itoa(f.status) + ")"
	case kindRedirectOtherPort:
		return "RedirectOtherPort(" + strconv.Itoa(f.status) + ")"
	case kindRedirectPlainHTTP:
		return "RedirectPlainHTTP(" + strconv.Itoa(f.status) + ")"
	case kindRedirectLoop:
		return "RedirectLoop(" + strconv.Itoa(f.status) + ")"
	}
	return "Fault(" + strconv.Itoa(int(f.kind)) + ")"
}

// Processes reports whether the server processes a request that meets f
// (creates or changes the transaction): true for FaultNone,
// FaultLoseResponse, FaultTruncate, FaultSlowAnswer and FaultSlowStart, the
// last only if the client is still waiting when its delay ends.
func (f Fault) Processes() bool {
	switch f.kind {
	case kindNone, kindLoseResponse, kindTruncate, kindSlowAnswer, kindSlowStart:
		return true
	}
	return false
}

// Faults sets the probability (0..1) of each fault for every API request,
// drawn from a generator seeded with Seed, so a run with the same requests
// in the same order fails the same way. RetryAfter is sent, in whole
// seconds rounded up, with 429 and 503 answers (none when zero). Slow
// draws FaultSlowAnswer(SlowDelay), 100ms when SlowDelay is zero.
//
// The Go HTTP client itself re-sends an idempotent request (GET) once when
// a reused keep-alive connection is closed under it, so a dropped GET may
// show up in Requests twice.
type Faults struct {
	RateLimit    float64
	Unavailable  float64
	ServerError  float64
	Drop         float64
	LoseResponse float64
	Truncate     float64
	Slow         float64
	SlowDelay    time.Duration
	RetryAfter   time.Duration
	Seed         uint64
}

type scriptedFault struct {
	method, path string // "" matches any
	fault        Fault
}

// loop is a FaultRedirectLoop in progress on one URL.
type loop struct {
	requestID string
	fault     Fault
}

type faultState struct {
	mu       sync.Mutex
	cfg      Faults
	rng      *rand.Rand
	scripted []scriptedFault
	loops    map[string]loop // request URI -> loop
}

func (f *faultState) reset(cfg Faults) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cfg = cfg
	f.rng = rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
}

// next picks the fault for one request: the loop it is caught in, else the
// first matching scripted fault, else a random draw.
func (f *faultState) next(r *http.Request) Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	uri, id := r.URL.RequestURI(), r.Header.Get("request-id")
	if l, ok := f.loops[uri]; ok {
		if id == "" || id == l.requestID {
			return l.fault
		}
		delete(f.loops, uri)
	}
	fault := f.pick(r.Method, r.URL.Path)
	if fault.kind == kindRedirectLoop {
		if f.loops == nil {
			f.loops = map[string]loop{}
		}
		f.loops[uri] = loop{requestID: id, fault: fault}
	}
	return fault
}

func (f *faultState) pick(method, path string) Fault {
	for i, sf := range f.scripted {
		if (sf.method == "" || sf.method == method) && (sf.path == "" || sf.path == path) {
			f.scripted = append(f.scripted[:i], f.scripted[i+1:]...)
			return sf.fault
		}
	}
	c := f.cfg
	slow := FaultSlowAnswer(c.SlowDelay)
	if c.SlowDelay == 0 {
		slow = FaultSlowAnswer(100 * time.Millisecond)
	}
	// The order is fixed: a seed keeps drawing the same faults as fields
	// are added at the end.
	draws := []struct {
		prob  float64
		fault Fault
	}{
		{c.RateLimit, FaultRateLimit}, {c.Unavailable, FaultUnavailable}, {c.ServerError, FaultServerError},
		{c.Drop, FaultDrop}, {c.LoseResponse, FaultLoseResponse}, {c.Truncate, FaultTruncate}, {c.Slow, slow},
	}
	var total float64
	for _, d := range draws {
		total += d.prob
	}
	if total <= 0 {
		return FaultNone
	}
	x := f.rng.Float64()
	for _, d := range draws {
		if x < d.prob {
			return d.fault
		}
		x -= d.prob
	}
	return FaultNone
}

// writeStatus answers a FaultStatus.
func (f *faultState) writeStatus(w http.ResponseWriter, status int) {
	f.mu.Lock()
	ra := f.cfg.RetryAfter
	f.mu.Unlock()
	if ra > 0 && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
		w.Header().Set("Retry-After", strconv.FormatInt(int64((ra+time.Second-1)/time.Second), 10))
	}
	writeError(w, status, http.StatusText(status))
}

// writeRedirect answers a redirect fault: its status, its Location and an
// empty body.
func (s *Server) writeRedirect(w http.ResponseWriter, r *http.Request, f Fault) {
	host := r.Host
	if h, _, err := net.SplitHostPort(r.Host); err == nil {
		host = h
	}
	var loc string
	switch f.kind {
	case kindRedirect:
		loc = f.location
	case kindRedirectLoop:
		loc = s.apiScheme() + "://" + r.Host + r.URL.RequestURI()
	case kindRedirectOtherPort:
		loc = s.elsewhere.scheme + "://" + net.JoinHostPort(host, s.elsewhere.port) + r.URL.RequestURI()
	case kindRedirectOtherHost:
		other := "localhost"
		if host == "localhost" {
			other = "127.0.0.1"
		}
		loc = s.elsewhere.scheme + "://" + net.JoinHostPort(other, s.elsewhere.port) + r.URL.RequestURI()
	case kindRedirectPlainHTTP:
		loc = "http://" + net.JoinHostPort(host, s.elsewhere.plainPort) + r.URL.RequestURI()
	}
	w.Header().Set("Location", loc)
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(f.status)
}

// wait waits d for a slow fault and reports whether it ran its course:
// false when the client went away or the server closed first.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-s.ctx.Done():
	}
	return false
}

// SetFaults replaces the random fault settings (WithFaults) and reseeds the
// generator; SetFaults(Faults{}) turns random faults off.
func (s *Server) SetFaults(f Faults) { s.faults.reset(f) }

// FailNext makes the next n API requests fail with fault, before any random
// fault is drawn.
func (s *Server) FailNext(n int, fault Fault) { s.FailNextFor("", "", n, fault) }

// FailNextFor is FailNext for requests with this method and URL path only
// (an empty method or path matches any), e.g.
// FailNextFor("POST", "/v1/transactions", 1, FaultLoseResponse).
func (s *Server) FailNextFor(method, path string, n int, fault Fault) {
	for range n {
		s.ScriptFaults(method, path, fault)
	}
}

// ScriptFaults makes the next requests with this method and URL path (an
// empty method or path matches any) meet faults in order, one per request,
// before any random fault is drawn; FaultNone lets one through. E.g.
// ScriptFaults("POST", "/v1/transactions", FaultLoseResponse,
// FaultStatus(500)): the first attempt is processed and its answer lost,
// the second gets 500 unprocessed.
func (s *Server) ScriptFaults(method, path string, faults ...Fault) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	for _, f := range faults {
		s.faults.scripted = append(s.faults.scripted, scriptedFault{method: method, path: path, fault: f})
	}
}

// ClearFaults forgets the scripted faults not yet used and ends every
// redirect loop; random faults (SetFaults) stay.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.scripted, s.faults.loops = nil, nil
}
