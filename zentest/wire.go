package zentest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// responseBuffer holds a handler's answer so the dispatcher can record its
// status and, for a lost-response fault, throw it away.
type responseBuffer struct {
	header http.Header
	status int
	body   bytes.Buffer
	// stream, when set, writes the rest of the body after the buffered
	// part, straight to the connection (report files).
	stream func(http.ResponseWriter)
}

func newResponseBuffer() *responseBuffer {
	return &responseBuffer{header: http.Header{}, status: http.StatusOK}
}

func (b *responseBuffer) Header() http.Header { return b.header }

func (b *responseBuffer) Write(p []byte) (int, error) { return b.body.Write(p) }

func (b *responseBuffer) WriteHeader(status int) { b.status = status }

func (b *responseBuffer) flush(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
	if b.stream != nil {
		b.stream(w)
	}
}

// truncate sends the status and headers with the full Content-Length, then
// the first half of the body, and closes the connection cleanly, so the
// client reads a short body and then EOF (io.ErrUnexpectedEOF). A stream
// is not sent.
func (b *responseBuffer) truncate(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	body := b.body.Bytes()
	if b.stream == nil {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(body[:len(body)/2])
	rc := http.NewResponseController(w)
	_ = rc.Flush()
	conn, _, err := rc.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close() // no SetLinger(0): a reset could discard the part sent
}

// hijackClose drops the connection without writing a response.
func hijackClose(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // the server closes the connection
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "zentest: encoding response: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// zenError is ZEN's error body: {"error":{"code":"404","message":"..."}}.
type zenError struct {
	Error zenErrorDetail `json:"error"`
}

type zenErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, zenError{Error: zenErrorDetail{Code: strconv.Itoa(status), Message: msg}})
}

// writeNotFound is ZEN's answer for an unknown id.
func writeNotFound(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, "Record Not Found")
}

func badRequest(w http.ResponseWriter, field, rule string) {
	writeError(w, http.StatusBadRequest, field+": "+rule)
}

// reqBody is one JSON object of a request. Its getters check each field's
// JSON type and ZEN's rule for it, collecting failures under the field's
// path (items[0].price), so a handler reads what it needs and then asks
// done for the 400 message.
type reqBody struct {
	fields map[string]json.RawMessage
	v      *validate.Checker
	// numbers makes money members accept JSON numbers as well as strings:
	// the hosted checkout takes them (ZEN's own plugin sends numbers),
	// the API documents strings only.
	numbers bool
}

func emptyBody() *reqBody {
	return &reqBody{fields: map[string]json.RawMessage{}, v: validate.New()}
}

func parseBody(raw []byte) (*reqBody, string) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	var m map[string]json.RawMessage
	if err := dec.Decode(&m); err != nil || m == nil || dec.More() {
		return nil, "body: must be one JSON object"
	}
	return &reqBody{fields: m, v: validate.New()}, ""
}

func (b *reqBody) empty() bool { return len(b.fields) == 0 }

// raw returns a member, treating null as absent.
func (b *reqBody) raw(name string) (json.RawMessage, bool) {
	r, ok := b.fields[name]
	if !ok || bytes.Equal(bytes.TrimSpace(r), []byte("null")) {
		return nil, false
	}
	return r, true
}

func (b *reqBody) fail(name, rule string) { b.v.Fail(name, rule) }

func (b *reqBody) str(name string, required bool) (string, bool) {
	r, ok := b.raw(name)
	if !ok {
		if required {
			b.fail(name, "is required")
		}
		return "", false
	}
	var s string
	if r[0] != '"' || json.Unmarshal(r, &s) != nil {
		b.fail(name, "must be a string")
		return "", false
	}
	if required && s == "" {
		b.fail(name, "is required")
		return "", false
	}
	return s, true
}

// text reads a string of minLen..maxLen characters (maxLen 0: no limit)
// matching re (nil: any).
func (b *reqBody) text(name string, required bool, minLen, maxLen int, re *validate.Pattern) string {
	s, ok := b.str(name, required)
	if !ok {
		return ""
	}
	if b.v.Len(name, s, minLen, maxLen) && re != nil {
		b.v.Match(name, s, re)
	}
	return s
}

func (b *reqBody) mtid(name string, required bool) string {
	return b.text(name, required, 1, 128, validate.MerchantTransactionID)
}

func (b *reqBody) uuid(name string, required bool) string {
	s, ok := b.str(name, required)
	if ok && !validate.UUID.MatchString(s) {
		b.fail(name, "must be a UUID")
	}
	return s
}

func (b *reqBody) currency(name string, required bool) string {
	s, ok := b.str(name, required)
	if ok && !validate.Currency.MatchString(s) {
		b.fail(name, "must match ^[A-Z]{3}$")
	}
	return s
}

func (b *reqBody) url(name string, maxLen int) string {
	s, ok := b.str(name, false)
	if ok {
		b.v.URL(name, s, maxLen)
	}
	return s
}

func (b *reqBody) integer(name string, required bool) (int64, bool) {
	r, ok := b.raw(name)
	if !ok {
		if required {
			b.fail(name, "is required")
		}
		return 0, false
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(r)), 10, 64)
	if err != nil {
		b.fail(name, "must be an integer")
		return 0, false
	}
	return n, true
}

func (b *reqBody) boolean(name string) (value, ok bool) {
	r, ok := b.raw(name)
	if !ok {
		return false, false
	}
	if json.Unmarshal(r, &value) != nil {
		b.fail(name, "must be true or false")
		return false, false
	}
	return value, true
}

// object returns a nested object, or nil when it is absent or not an
// object (the latter recorded as a failure).
func (b *reqBody) object(name string, required bool) *reqBody {
	r, ok := b.raw(name)
	if !ok {
		if required {
			b.fail(name, "is required")
		}
		return nil
	}
	var m map[string]json.RawMessage
	if r[0] != '{' || json.Unmarshal(r, &m) != nil {
		b.fail(name, "must be an object")
		return nil
	}
	return &reqBody{fields: m, v: b.v.At(name), numbers: b.numbers}
}

// array returns the objects of an array member.
func (b *reqBody) array(name string, required bool) []*reqBody {
	r, ok := b.raw(name)
	if !ok {
		if required {
			b.fail(name, "is required")
		}
		return nil
	}
	var list []json.RawMessage
	if r[0] != '[' || json.Unmarshal(r, &list) != nil {
		b.fail(name, "must be an array")
		return nil
	}
	if required && len(list) == 0 {
		b.fail(name, "must not be empty")
	}
	out := make([]*reqBody, 0, len(list))
	for i, el := range list {
		var m map[string]json.RawMessage
		if len(el) == 0 || el[0] != '{' || json.Unmarshal(el, &m) != nil {
			b.v.Fail(fmt.Sprintf("%s[%d]", name, i), "must be an object")
			continue
		}
		out = append(out, &reqBody{fields: m, v: b.v.Index(name, i), numbers: b.numbers})
	}
	return out
}

// decode decodes a member into dst leniently, for parts the fake passes
// through (addresses, fraudFields).
func (b *reqBody) decode(name string, dst any) bool {
	r, ok := b.raw(name)
	if !ok {
		return false
	}
	if err := json.Unmarshal(r, dst); err != nil {
		b.fail(name, "has the wrong shape")
		return false
	}
	return true
}

// onlyKnown refuses every member not in known, naming them in order.
func (b *reqBody) onlyKnown(known ...string) {
	keys := make([]string, 0, len(b.fields))
	for k := range b.fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(known, k) {
			b.fail(k, "is not a member ZEN documents here ("+strings.Join(known, ", ")+")")
		}
	}
}

// onlyMembers refuses an empty body and every member not in allowed, for
// the PATCH routes (the fake changes only what it models).
func onlyMembers(b *reqBody, allowed ...string) {
	if b.empty() {
		b.fail("body", "is required")
	}
	keys := make([]string, 0, len(b.fields))
	for k := range b.fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(allowed, k) {
			b.fail(k, "cannot be updated (the fake updates "+strings.Join(allowed, ", ")+")")
		}
	}
}

// done returns "" or the 400 message naming every failed field.
func (b *reqBody) done() string { return describe(b.v.Err()) }

// refused answers 400 naming every failed field, if any, and reports
// whether it did.
func (b *reqBody) refused(w http.ResponseWriter) bool {
	msg := b.done()
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
	}
	return msg != ""
}

func errCount(err error) int {
	if err == nil {
		return 0
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return len(j.Unwrap())
	}
	return 1
}

// describe renders validation failures as "field: rule; field: rule".
func describe(err error) string {
	if err == nil {
		return ""
	}
	list := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	}
	parts := make([]string, 0, len(list))
	for _, e := range list {
		var ve *types.ValidationError
		if errors.As(e, &ve) {
			parts = append(parts, ve.Field+": "+ve.Rule)
		} else {
			parts = append(parts, e.Error())
		}
	}
	return strings.Join(parts, "; ")
}
