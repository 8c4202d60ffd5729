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
	// AddFlags registers the command's own flags (klog's are added to them).
	AddFlags func(fs *pflag.FlagSet)
	// NeedArgs makes a command line without positional arguments a usage error (exit code 2)
	// rather than something Run reports.
	NeedArgs bool
	// Run does the work with the positional arguments and returns the files written.
	Run func(args []string) (written []string, err error)
}

// Main runs the command with the process's arguments and exits non-zero on failure.
func (c Command) Main() {
	klog.InitFlags(nil)
	os.Exit(c.run(os.Args[1:], os.Stderr))
}

// run parses args, runs the command and returns the exit code: 0 on success, 1 when Run fails
// (its error is written to stderr), 2 on a usage error.
func (c Command) run(args []string, stderr io.Writer) int {
	fs := pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintf(stderr, "usage: %s [flags] %s\n\n%s", c.Name, c.Args, fs.FlagUsages()) }
	c.AddFlags(fs)
	fs.AddGoFlagSet(flag.CommandLine)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, err)
		fs.Usage()
		return 2
	}
	if c.NeedArgs && fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	written, err := c.Run(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, Relative(err.Error()))
		return 1
	}
	klog.V(1).Infof("%s: %d file(s) written", c.Name, len(written))
	return 0
}

// Relative shortens absolute paths under the working directory in msg.
func Relative(msg string) string {
	wd, err := os.Getwd()
	if err != nil {
		return msg
	}
	return strings.ReplaceAll(msg, wd+string(os.PathSeparator), "")
}
