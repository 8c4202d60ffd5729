package command

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"
)

// Command is one generator command.
type Command struct {
	// Name is the command's name: "lister-gen".
	Name string
	// Args describes the positional arguments in the usage line: "<package patterns of API types>".
	Args string
	// MoreUsage are further usage lines after the first (other forms of the command).
	MoreUsage []string
	// AddFlags registers the command's own flags (klog's are added beside them).
	AddFlags func(fs *pflag.FlagSet)
	// Validate, if set, checks the flags once parsed: an error is a usage error (exit code 2).
	Validate func() error
	// NeedArgs makes a command line without positional arguments a usage error (exit code 2)
	// rather than something Run reports.
	NeedArgs bool
	// Run does the work with the positional arguments and returns the files written.
	Run func(args []string) (written []string, err error)
}

// Main runs the command with the process's arguments and exits non-zero on failure.
func (c Command) Main() {
	os.Exit(c.run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, runs the command and returns the exit code: 0 on success, 1 when Run fails
// (its error is written to stderr once, prefixed with the command's name), 2 on a usage error.
// --version and --help write to stdout.
func (c Command) run(args []string, stdout, stderr io.Writer) int {
	fs, logging := pflag.NewFlagSet(c.Name, pflag.ContinueOnError), pflag.NewFlagSet("logging", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	version := fs.Bool("version", false, "print the version and exit")
	c.AddFlags(fs)
	klogFlags := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(klogFlags)
	logging.AddGoFlagSet(klogFlags)
	all := pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
	all.SetOutput(io.Discard)
	all.AddFlagSet(fs)
	all.AddFlagSet(logging)
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "usage: %s [flags] %s\n", c.Name, c.Args)
		for _, u := range c.MoreUsage {
			fmt.Fprintf(w, "       %s\n", u)
		}
		fmt.Fprintf(w, "\nFlags:\n%s\nLogging flags:\n%s", fs.FlagUsages(), logging.FlagUsages())
	}
	if err := all.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			usage(stdout)
			return 0
		}
		fmt.Fprintln(stderr, err)
		usage(stderr)
		return 2
	}
	if *version {
		fmt.Fprintln(stdout, c.Name, Version())
		return 0
	}
	if c.Validate != nil {
		if err := c.Validate(); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", c.Name, err)
			return 2
		}
	}
	if c.NeedArgs && all.NArg() == 0 {
		usage(stderr)
		return 2
	}
	written, err := c.Run(all.Args())
	if err != nil {
		fmt.Fprintln(stderr, c.prefixed(Relative(err.Error())))
		return 1
	}
	klog.V(1).Infof("%s: %d file(s) written", c.Name, len(written))
	return 0
}

// prefixed starts msg with the command's name, unless it does already.
func (c Command) prefixed(msg string) string {
	if strings.HasPrefix(msg, c.Name+": ") {
		return msg
	}
	return c.Name + ": " + msg
}

// Relative shortens absolute paths under the working directory in msg.
func Relative(msg string) string {
	wd, err := os.Getwd()
	if err != nil {
		return msg
	}
	return strings.ReplaceAll(msg, wd+string(os.PathSeparator), "")
}
