package zentest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// IPNDelivery is one notification the server sent (or gave up sending)
// when a transaction became ACCEPTED, REJECTED or CANCELED.
type IPNDelivery struct {
	TransactionID         string
	MerchantTransactionID string
	Type                  types.TransactionType
	Status                types.TransactionStatus
	URL                   string
	Body                  []byte // the signed JSON posted
	Attempts              int    // tries made (0 when the URL was refused)
	Delivered             bool   // a try got 2xx with {"status":"ok"}
	LastStatus            int    // HTTP status of the last try, 0 if none
	Err                   string // why the last try failed, "" when delivered
}

// ipnState tracks deliveries: finished ones in order, the number in flight,
// and a channel closed (and replaced) on every change so waiters wake up.
type ipnState struct {
	mu       sync.Mutex
	done     []IPNDelivery
	inflight int
	cursor   int  // next delivery WaitIPN returns
	closed   bool // the server closed: no delivery will finish any more
	changed  chan struct{}
	client   http.Client
}

func (st *ipnState) signal() {
	if st.changed != nil {
		close(st.changed)
	}
	st.changed = make(chan struct{})
}

// wait returns the channel that the next change closes.
func (st *ipnState) wait() <-chan struct{} {
	if st.changed == nil {
		st.changed = make(chan struct{})
	}
	return st.changed
}

// notify sends the IPN of x's current status in the background. The caller
// holds s.mu.
func (s *Server) notify(x *txn) {
	if x.ipnURL == "" || s.ctx.Err() != nil {
		return
	}
	t := x.t
	extra := map[string]any{
		"createdAt":  t.CreatedAt,
		"modifiedAt": t.ModifiedAt,
	}
	if t.ParentTransactionID != "" {
		extra["parentTransactionId"] = t.ParentTransactionID
	}
	if t.OriginMerchantTransactionID != "" {
		extra["originMerchantTransactionId"] = t.OriginMerchantTransactionID
	}
	raw, _ := json.Marshal(extra)
	n := &zen.Notification{
		Type:                  t.Type,
		TransactionID:         t.ID,
		MerchantTransactionID: t.MerchantTransactionID,
		Amount:                t.Amount.String(),
		Currency:              t.Currency,
		Status:                t.Status,
		PaymentChannel:        t.PaymentChannel,
		RejectCode:            t.RejectCode,
		RejectReason:          t.RejectReason,
		Customer:              t.Customer,
		Raw:                   raw,
	}
	if t.CardInfo != nil {
		n.CardToken = t.CardInfo.Token
	}
	body, err := zen.SignNotification(n, s.cfg.ipnSecret)
	d := IPNDelivery{
		TransactionID: t.ID, MerchantTransactionID: t.MerchantTransactionID,
		Type: t.Type, Status: t.Status, URL: x.ipnURL, Body: body,
	}
	if err != nil {
		d.Err = "signing: " + err.Error()
	}
	s.ipn.mu.Lock()
	s.ipn.inflight++
	s.ipn.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if d.Err == "" {
			s.deliver(&d)
		}
		s.ipn.mu.Lock()
		s.ipn.inflight--
		s.ipn.done = append(s.ipn.done, d)
		s.ipn.signal()
		s.ipn.mu.Unlock()
	}()
}

// deliver posts d.Body until a try is acknowledged, the tries run out or
// the server closes. It only ever posts to loopback addresses.
func (s *Server) deliver(d *IPNDelivery) {
	if err := checkLoopback(d.URL); err != nil {
		d.Err = err.Error()
		return
	}
	wait := s.cfg.ipnBackoff
	for d.Attempts < s.cfg.ipnAttempts {
		if d.Attempts > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-s.ctx.Done():
				t.Stop()
				d.Err = "server closed: " + d.Err
				return
			}
			wait *= 2
		}
		d.Attempts++
		d.LastStatus, d.Err = s.postIPN(d.URL, d.Body)
		if d.Err == "" {
			d.Delivered = true
			return
		}
	}
}

// postIPN makes one try and returns the status and "" when ZEN's
// acknowledgement (2xx with {"status":"ok"}) came back.
func (s *Server) postIPN(u string, body []byte) (int, string) {
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "zentest-ipn/1")
	resp, err := s.ipn.client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Sprintf("answered %d", resp.StatusCode)
	}
	var ack struct {
		Status string `json:"status"`
	}
	if json.Unmarshal(raw, &ack) != nil || ack.Status != "ok" {
		return resp.StatusCode, `answer is not {"status":"ok"}`
	}
	return resp.StatusCode, ""
}

// errNotLoopback refuses an IPN URL or connection that is not loopback.
var errNotLoopback = errors.New("refused: the fake sends notifications only to loopback addresses")

// newIPNClient is the client notifications are posted with. A URL passes
// checkLoopback before any try, but a host name ("localhost") is resolved
// only when dialing, and may resolve anywhere; so the dialer also refuses
// every address that is not loopback, after resolution and before
// connecting. Redirects are not followed (a 3xx is a failed try), and no
// proxy is used (Proxy is nil, whatever HTTP_PROXY says).
func newIPNClient() http.Client {
	d := &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("%w (%s)", errNotLoopback, address)
			}
			return nil
		},
	}
	return http.Client{
		Transport:     &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return errors.New("refused: IPN URL is not an http(s) URL")
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return errNotLoopback
}

// IPNDeliveries returns the notifications finished so far (delivered or
// given up), in the order they finished, as copies.
func (s *Server) IPNDeliveries() []IPNDelivery {
	s.ipn.mu.Lock()
	defer s.ipn.mu.Unlock()
	out := make([]IPNDelivery, len(s.ipn.done))
	for i, d := range s.ipn.done {
		out[i] = d.clone()
	}
	return out
}

func (d IPNDelivery) clone() IPNDelivery {
	d.Body = slices.Clone(d.Body)
	return d
}

// WaitIPN returns the next finished notification that no earlier WaitIPN
// call returned, waiting for it until ctx ends. After Close, when every
// finished notification has been returned, it returns an error matching
// http.ErrServerClosed instead of waiting.
func (s *Server) WaitIPN(ctx context.Context) (IPNDelivery, error) {
	for {
		s.ipn.mu.Lock()
		if s.ipn.cursor < len(s.ipn.done) {
			d := s.ipn.done[s.ipn.cursor].clone()
			s.ipn.cursor++
			s.ipn.mu.Unlock()
			return d, nil
		}
		if s.ipn.closed {
			s.ipn.mu.Unlock()
			return IPNDelivery{}, fmt.Errorf("zentest: WaitIPN: no more notifications: %w", http.ErrServerClosed)
		}
		ch := s.ipn.wait()
		s.ipn.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return IPNDelivery{}, fmt.Errorf("zentest: WaitIPN: %w", ctx.Err())
		}
	}
}

// WaitIPNIdle waits until no notification is being delivered (including
// retries) or ctx ends.
func (s *Server) WaitIPNIdle(ctx context.Context) error {
	for {
		s.ipn.mu.Lock()
		idle := s.ipn.inflight == 0
		ch := s.ipn.wait()
		s.ipn.mu.Unlock()
		if idle {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("zentest: WaitIPNIdle: %w", ctx.Err())
		}
	}
}
