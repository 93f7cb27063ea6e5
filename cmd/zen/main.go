// Command zen acts on the ZEN.COM merchant API from a shell or a script:
// its resource groups are named after the SDK's services and its verbs
// after their methods (zen purchases get ID, zen refunds create,
// zen reports download ID -o FILE, ...), plus helpers for an integration
// (zen ipn send, zen ipn verify, zen checkout sign, zen fake). Hosted
// checkouts are not a group: a shop creates them for a browser.
//
//	go install github.com/zen-go/zen/cmd/zen@latest
//	zen help
//
// On a terminal it prints a summary or a table; with --json, and whenever
// stdout is not a terminal, it prints the JSON ZEN answered, so
// "zen ... | jq" works. Run "zen help" for the commands, the configuration
// variables and the exit codes.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv, isTerminal(os.Stdout)))
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Exit codes, documented in "zen help".
const (
	exitOK          = 0
	exitFailed      = 1 // the check asked for failed, or a local error
	exitInvalid     = 2 // the request was refused before sending
	exitAPI         = 3 // ZEN answered with an error
	exitUnknown     = 4 // money may have moved: look the transaction up
	exitConnection  = 5 // no usable answer from ZEN
	exitInterrupted = 130
	exitUsage       = 64
)

// command is one row of the command table: its words, what it takes, and
// either a setup that registers its flags and returns what it does, or a
// raw action.
type command struct {
	name  string // e.g. "purchases get"
	args  string // positional arguments and main flags, for help
	help  string
	nargs int                           // positional arguments required; -1 any
	setup func(fs *flag.FlagSet) action // registers its flags after the global ones
	// raw, instead of setup, gets the words after the name unparsed and
	// parses its own flags: no global flag, no nargs check.
	raw action
	// lookup is the command that reads back what a money command creates
	// or moves by its merchant id, named when the outcome is unknown.
	lookup string
}

// action runs a command with its positional arguments once flags are parsed.
type action func(a *app, args []string) error

// usageError is a command line that cannot be run.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// run is the whole command, testable in-process: it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, env func(string) string, isTerminal bool) int {
	a := &app{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, env: env, tty: isTerminal}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(stdout)
		return exitOK
	}
	if args[0] == "version" {
		fmt.Fprintln(stdout, "zen", version())
		return exitOK
	}
	cmd, rest := lookup(args)
	if cmd == nil {
		fmt.Fprintf(stderr, "zen: unknown command %q (run zen help)\n", strings.Join(args[:min(len(args), 2)], " "))
		for _, c := range commands {
			if strings.HasPrefix(c.name, args[0]+" ") {
				fmt.Fprintf(stderr, "  zen %s %s\n", c.name, c.args)
			}
		}
		return exitUsage
	}
	defer func() {
		if a.zc != nil {
			a.zc.Close()
		}
	}()
	if cmd.raw != nil {
		return a.fail(cmd.raw(a, rest), cmd.lookup)
	}
	fs := flag.NewFlagSet("zen "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	a.globalFlags(fs)
	act := cmd.setup(fs)
	pos, err := parseInterspersed(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stdout, "usage: zen %s %s\n  %s\n\nflags:\n", cmd.name, cmd.args, cmd.help)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return exitOK
	}
	if err == nil && cmd.nargs >= 0 && len(pos) != cmd.nargs {
		err = usagef("zen %s takes %d argument(s): %s", cmd.name, cmd.nargs, cmd.args)
	}
	if err == nil {
		err = act(a, pos)
	}
	return a.fail(err, cmd.lookup)
}

// lookup finds the longest command name that prefixes args.
func lookup(args []string) (*command, []string) {
	for n := min(3, len(args)); n > 0; n-- {
		name := strings.Join(args[:n], " ")
		for i := range commands {
			if commands[i].name == name {
				return &commands[i], args[n:]
			}
		}
	}
	return nil, nil
}

// parseInterspersed parses flags wherever they appear among the positional
// arguments ("zen purchases get ID --json"); "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		args = rest
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `zen: the ZEN.COM merchant API from the command line.

usage: zen GROUP VERB [ARGS] [FLAGS]

commands:
`)
	names := make([]string, 0, len(commands))
	byName := map[string]command{}
	for _, c := range commands {
		names = append(names, c.name)
		byName[c.name] = c
	}
	sort.Strings(names)
	for _, n := range names {
		c := byName[n]
		fmt.Fprintf(w, "  %s %s\n        %s\n", c.name, c.args, c.help)
	}
	fmt.Fprint(w, `
Request bodies: -d @file.json, -d - (stdin) or -d '{...}', decoded into the
SDK's request type and validated before anything is sent; flags such as
--merchant-id, --amount and --currency override the body's fields.

global flags (anywhere on the line; zen fake has only its own flags):
  --json            print JSON (the default when stdout is not a terminal)
  --verbose         log each request (method, path, status, request-id,
                    attempt, duration) to stderr; never bodies or secrets
  --api-key KEY     instead of ZEN_API_KEY
  --api-url URL     instead of ZEN_API_URL
  --sandbox         use ZEN's sandbox (instead of ZEN_SANDBOX=true)
  --ipn-secret S    instead of ZEN_IPN_SECRET
  --paywall-secret S
                    instead of ZEN_PAYWALL_SECRET
Secrets are never printed, except by zen fake: it prints the credentials of
the fake it serves, to export.

exit codes:
  0    success (a transaction ZEN REJECTED is a success too: its status
       and reject code are in the output, and a note on stderr)
  1    a check failed (ipn send not answered {"status":"ok"}, ipn verify
       refused the signature) or a local error (file, network to --to)
  2    invalid input: the SDK refused the request, nothing was sent
  3    ZEN answered with an error (code, message and request-id on stderr)
  4    outcome unknown: money may have moved; look the transaction up by
       its merchant id before repeating (repeat with the same merchant id)
  5    connection failure: no usable answer from ZEN
  64   usage: unknown command, bad flag or argument count
  130  interrupted (SIGINT)
`)
}
