package zentest

import (
	"net/http"

	"github.com/zen-go/zen/types"
)

// createPayout serves POST /v1/payouts: a TRT_SENDOUT transaction that is
// AUTHORIZED until captured (ACCEPTED at once with WithAutoCapture), or
// REJECTED for a .99 amount.
func (s *Server) createPayout(w *responseBuffer, _ *http.Request, b *reqBody) {
	o := readOrder(b, false)
	if msg := b.done(); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.newTxn(types.TypeSendout, o.mtid, o.amount, o.currency)
	x.fill(o)
	if err := s.insert(x); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	out := outcome{status: types.StatusAuthorized}
	switch {
	case declinedAmount(o.amount):
		out = outcome{status: types.StatusRejected, code: types.RejectInsufficientFunds}
	case s.cfg.autoCapture:
		out.status = types.StatusAccepted
	}
	s.apply(x, out)
	writeJSON(w, http.StatusOK, s.view(x))
}

// getPayout serves GET /v1/payouts/{id}.
func (s *Server) getPayout(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.writeTxnOf(w, r.PathValue("id"), false, types.TypeSendout)
}

// getPayoutByMTID serves GET /v1/payouts/merchant/{mtid}.
func (s *Server) getPayoutByMTID(w *responseBuffer, r *http.Request, _ *reqBody) {
	s.writeTxnOf(w, r.PathValue("mtid"), true, types.TypeSendout)
}

// capturePayout serves POST /v1/payouts/capture; amount and currency are
// optional.
func (s *Server) capturePayout(w *responseBuffer, _ *http.Request, b *reqBody) {
	s.capture(w, b, types.TypeSendout, false)
}

// cancelPayout serves POST /v1/payouts/cancel.
func (s *Server) cancelPayout(w *responseBuffer, _ *http.Request, b *reqBody) {
	s.cancel(w, b, types.TypeSendout)
}
