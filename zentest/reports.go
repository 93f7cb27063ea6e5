package zentest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
)

// DefaultReportID is the report every Server serves without setup: a CSV
// of its transactions, oldest first, made when it is downloaded (see the
// package documentation for the columns).
const DefaultReportID = "transactions"

// reportColumns is the header of the transactions report (and of generated
// reports).
var reportColumns = []string{"id", "merchantTransactionId", "type", "status", "amount", "currency", "createdAt"}

// ReportFile is a report the server serves at GET /v1/reports/{id}/file;
// add it with AddReport.
type ReportFile struct {
	// Content is the file, served as is when Size is 0.
	Content []byte
	// Size, when positive, makes the server generate Size bytes of CSV
	// transaction rows instead of Content (the last row cut at Size). They
	// are made while being sent, never held in memory, for testing large
	// downloads.
	Size int64
	// ContentType is sent as Content-Type; "text/csv" when empty.
	ContentType string
	// FileName is sent in Content-Disposition; "report-<id>.csv" when
	// empty.
	FileName string
	// CutAfter, when positive and less than the file's size, makes the
	// server announce the whole size but drop the connection after
	// CutAfter bytes, as a download broken midway.
	CutAfter int64
}

// AddReport makes the server serve f as report id, replacing any report of
// that id (DefaultReportID included). f.Content is copied.
func (s *Server) AddReport(id string, f ReportFile) {
	f.Content = slices.Clone(f.Content)
	s.mu.Lock()
	s.reports.add(id, &f)
	s.mu.Unlock()
}

// getReport serves GET /v1/reports/{id}/file: the file with Content-Type
// text/csv and Content-Disposition attachment; filename="report-<id>.csv",
// streamed after the headers.
func (s *Server) getReport(w *responseBuffer, r *http.Request, _ *reqBody) {
	id := r.PathValue("id")
	s.mu.Lock()
	f := s.reports.get(id)
	if f == nil && id == DefaultReportID {
		f = &ReportFile{Content: s.transactionsCSV()}
	}
	s.mu.Unlock()
	if f == nil {
		writeNotFound(w)
		return
	}
	body, size := io.Reader(bytes.NewReader(f.Content)), int64(len(f.Content))
	if f.Size > 0 {
		body, size = io.LimitReader(&csvRows{pending: csvHeader()}, f.Size), f.Size
	}
	ct, name := f.ContentType, f.FileName
	if ct == "" {
		ct = "text/csv"
	}
	if name == "" {
		name = "report-" + id + ".csv"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	cut := f.CutAfter > 0 && f.CutAfter < size
	if cut {
		body = io.LimitReader(body, f.CutAfter)
	}
	w.stream = func(rw http.ResponseWriter) {
		if _, err := io.Copy(rw, body); err != nil || !cut {
			return
		}
		_ = http.NewResponseController(rw).Flush()
		panic(http.ErrAbortHandler) // the server drops the connection
	}
}

// transactionsCSV is the default report. The caller holds s.mu.
func (s *Server) transactionsCSV() []byte {
	buf := bytes.NewBuffer(csvHeader())
	cw := csv.NewWriter(buf)
	for _, x := range s.txns.filter(nil) {
		t := x.t
		_ = cw.Write([]string{
			t.ID, t.MerchantTransactionID, string(t.Type), string(t.Status),
			t.Amount.String(), t.Currency, t.CreatedAt.UTC().Format(reportTime),
		})
	}
	cw.Flush()
	return buf.Bytes()
}

const reportTime = "2006-01-02T15:04:05.000Z07:00"

func csvHeader() []byte {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.Write(reportColumns)
	cw.Flush()
	return buf.Bytes()
}

// csvRows is an endless CSV of made-up transactions, produced as it is
// read.
type csvRows struct {
	n       int
	row     []byte // buffer of the current row
	pending []byte // what is left of it to read
}

func (g *csvRows) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(g.pending) == 0 {
			g.n++
			g.row = fmt.Appendf(g.row[:0],
				"00000000-0000-4000-8000-%012d,report-row-%d,TRT_PURCHASE,ACCEPTED,%d.%02d,EUR,2025-01-01T00:00:00.000Z\n",
				g.n, g.n, g.n%1000, g.n%100)
			g.pending = g.row
		}
		c := copy(p[n:], g.pending)
		g.pending, n = g.pending[c:], n+c
	}
	return n, nil
}
