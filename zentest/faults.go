package zentest

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Fault is a failure the server can inject into an API request (the
// api.zen.com routes and POST /api/checkouts; never the HTML pages).
type Fault int

// Faults the server can inject.
const (
	// FaultNone lets the request through.
	FaultNone Fault = iota
	// FaultRateLimit answers 429 with Retry-After; nothing is processed.
	FaultRateLimit
	// FaultUnavailable answers 503 with Retry-After; nothing is processed.
	FaultUnavailable
	// FaultServerError answers 500; nothing is processed.
	FaultServerError
	// FaultDrop closes the connection without processing the request or
	// answering.
	FaultDrop
	// FaultLoseResponse processes the request (the transaction IS created
	// or changed) and then closes the connection without answering, like a
	// response lost on the way back.
	FaultLoseResponse
)

// String returns the fault's name, e.g. "LoseResponse".
func (f Fault) String() string {
	switch f {
	case FaultNone:
		return "None"
	case FaultRateLimit:
		return "RateLimit"
	case FaultUnavailable:
		return "Unavailable"
	case FaultServerError:
		return "ServerError"
	case FaultDrop:
		return "Drop"
	case FaultLoseResponse:
		return "LoseResponse"
	}
	return "Fault(" + strconv.Itoa(int(f)) + ")"
}

// Faults sets the probability (0..1) of each fault for every API request,
// drawn from a generator seeded with Seed, so a run with the same requests
// in the same order fails the same way. RetryAfter is sent, in whole
// seconds rounded up, with 429 and 503 answers (none when zero).
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
	RetryAfter   time.Duration
	Seed         uint64
}

type scriptedFault struct {
	method, path string // "" matches any
	fault        Fault
}

type faultState struct {
	mu       sync.Mutex
	cfg      Faults
	rng      *rand.Rand
	scripted []scriptedFault
}

func (f *faultState) reset(cfg Faults) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cfg = cfg
	f.rng = rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
}

// next picks the fault for one request: the first matching scripted fault,
// else a random draw.
func (f *faultState) next(method, path string) Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, sf := range f.scripted {
		if (sf.method == "" || sf.method == method) && (sf.path == "" || sf.path == path) {
			f.scripted = append(f.scripted[:i], f.scripted[i+1:]...)
			return sf.fault
		}
	}
	c := f.cfg
	if c.RateLimit+c.Unavailable+c.ServerError+c.Drop+c.LoseResponse <= 0 {
		return FaultNone
	}
	x := f.rng.Float64()
	for _, p := range []struct {
		prob  float64
		fault Fault
	}{{c.RateLimit, FaultRateLimit}, {c.Unavailable, FaultUnavailable}, {c.ServerError, FaultServerError}, {c.Drop, FaultDrop}, {c.LoseResponse, FaultLoseResponse}} {
		if x < p.prob {
			return p.fault
		}
		x -= p.prob
	}
	return FaultNone
}

func (f *faultState) writeFault(w http.ResponseWriter, fault Fault) {
	f.mu.Lock()
	ra := f.cfg.RetryAfter
	f.mu.Unlock()
	if ra > 0 && fault != FaultServerError {
		w.Header().Set("Retry-After", strconv.FormatInt(int64((ra+time.Second-1)/time.Second), 10))
	}
	switch fault {
	case FaultRateLimit:
		writeError(w, http.StatusTooManyRequests, "Too Many Requests")
	case FaultUnavailable:
		writeError(w, http.StatusServiceUnavailable, "Service Unavailable")
	default:
		writeError(w, http.StatusInternalServerError, "Internal Server Error")
	}
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
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	for range n {
		s.faults.scripted = append(s.faults.scripted, scriptedFault{method: method, path: path, fault: fault})
	}
}
