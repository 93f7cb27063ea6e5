package zen

import (
	"context"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode"

	"github.com/zen-go/zen/internal/validate"
)

// Report is a report file being downloaded: read it like any io.Reader and
// Close it when done (closing early abandons the rest of the download). The
// body streams from the network; the SDK never holds the whole file.
type Report struct {
	// ContentType is the media type ZEN sent, e.g. "text/csv"; "" if none.
	ContentType string
	// FileName is the name from Content-Disposition (filename* preferred),
	// reduced to its last path element so it is safe to join to a
	// directory; "" when ZEN sent none or one that is unsafe to show or
	// save (only dots, control or bidi-format characters).
	FileName string
	// ContentLength is the size ZEN announced, or -1 when unknown.
	ContentLength int64

	body io.ReadCloser
}

// Read reads the next bytes of the file. It fails when the download is
// cut short, or when the context given to Download ends.
func (r *Report) Read(p []byte) (int, error) { return r.body.Read(p) }

// Close ends the download and frees the connection.
func (r *Report) Close() error { return r.body.Close() }

// ReportInfo describes a report copied by DownloadTo.
type ReportInfo struct {
	ContentType string // media type ZEN sent
	FileName    string // see Report.FileName
	Size        int64  // bytes written
}

// Download starts downloading a report file and returns it as a stream; the
// caller must Close it. The context bounds the whole download, body
// included; the client's WithTimeout does not apply, so large files are
// not cut off (with the SDK's own HTTP client, an attempt whose response
// headers take more than 60s fails as a net.Error timeout, and is retried).
// Only getting the response is retried; a failure while
// reading the body surfaces from Read. A report ZEN does not know gives an
// *APIError matching ErrNotFound. Unlike API calls, the download follows a
// redirect to another origin (https, or plain http to loopback), sending
// it no credentials and no Referer.
//
// ZEN API: GET /v1/reports/{id}/file (path inferred)
func (s *ReportService) Download(ctx context.Context, id string) (*Report, error) {
	if err := validate.Context(ctx); err != nil {
		return nil, err
	}
	path, err := epReportFile.prepare(args{ids: ids(freeID(id))})
	if err != nil {
		return nil, err
	}
	resp, _, err := s.client.send(ctx, epReportFile, path, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	r := &Report{ContentLength: resp.ContentLength, body: resp.Body}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		r.ContentType = mt
	}
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil {
		r.FileName = safeFileName(params["filename"])
	}
	return r, nil
}

// DownloadTo copies a report file to w as it arrives and returns what it
// wrote. When the download fails midway, w holds a truncated file and the
// error says so. A nil w is a *ValidationError, before any network call.
//
// ZEN API: GET /v1/reports/{id}/file (path inferred)
func (s *ReportService) DownloadTo(ctx context.Context, id string, w io.Writer) (*ReportInfo, error) {
	if w == nil {
		return nil, &ValidationError{Field: "w", Rule: "is required"}
	}
	r, err := s.Download(ctx, id)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	info := &ReportInfo{ContentType: r.ContentType, FileName: r.FileName}
	info.Size, err = io.Copy(w, r)
	if err != nil {
		return info, fmt.Errorf("zen: report %s: stopped after %d bytes: %w", id, info.Size, err)
	}
	return info, nil
}

// safeFileName keeps the last element of a name sent by the server, so it
// cannot climb out of a directory, and drops names that are only dots or
// hold control or format characters (a right-to-left override makes
// "inv\u202Evsc.exe" display as "invexe.csv").
// mime.ParseMediaType has already decoded filename* (RFC 2231) into
// "filename", preferring it over the plain parameter.
func safeFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(name)
	if strings.Trim(name, ".") == "" || strings.IndexFunc(name, unsafeInFileName) >= 0 {
		return ""
	}
	return name
}

func unsafeInFileName(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }
