//go:build e2e

package e2e_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/test/cluster"
)

// failovers is how many times the test makes the leader go: alternately SIGKILL and SIGTERM.
const failovers = 24

// killGrace is what a failover after SIGKILL may take beyond LeaseDuration + RetryPeriod: the
// latency of the standby's Get and Update on a shared machine.
const killGrace = 500 * time.Millisecond

// candidate is one candidate process.
type candidate struct {
	id     string
	cmd    *exec.Cmd
	stderr string // path of its stderr log
	exited chan struct{}
	code   int // exit code once exited
}

// event is a line a candidate printed.
type event struct {
	from   *candidate
	kind   string
	at     time.Time
	detail string
}

// election runs candidate processes and collects what they print.
type election struct {
	t       *testing.T
	env     []string
	dir     string
	events  chan event
	seq     int
	mu      sync.Mutex
	all     []*candidate
	history []event
}

func (e *election) start() *candidate {
	e.t.Helper()
	e.seq++
	c := &candidate{id: fmt.Sprintf("cand-%02d", e.seq), exited: make(chan struct{})}
	c.stderr = filepath.Join(e.dir, c.id+".log")
	logf, err := os.Create(c.stderr)
	if err != nil {
		e.t.Fatal(err)
	}
	c.cmd = exec.Command(os.Args[0], "-test.run=^$")
	c.cmd.Env = append(append(os.Environ(), e.env...), envIdentity+"="+c.id)
	c.cmd.Stderr = logf
	dieWithTest(c.cmd)
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		e.t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	e.mu.Lock()
	e.all = append(e.all, c)
	e.mu.Unlock()
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			e.events <- parseEvent(e.t, c, sc.Text())
		}
		err := c.cmd.Wait()
		logf.Close()
		c.code = c.cmd.ProcessState.ExitCode()
		if err != nil && c.code < 0 {
			c.code = -1 // killed by a signal
		}
		close(c.exited)
		e.events <- event{from: c, kind: "EXITED", at: time.Now(), detail: strconv.Itoa(c.code)}
	}()
	return c
}

func parseEvent(t *testing.T, c *candidate, line string) event {
	parts := strings.SplitN(line, " ", 3)
	if len(parts) < 2 {
		return event{from: c, kind: "OUTPUT", at: time.Now(), detail: line}
	}
	ns, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return event{from: c, kind: "OUTPUT", at: time.Now(), detail: line}
	}
	ev := event{from: c, kind: parts[0], at: time.Unix(0, ns)}
	if len(parts) == 3 {
		ev.detail = parts[2]
	}
	return ev
}

// seen returns the first event so far, or the next to come, that match accepts.
func (e *election) seen(what string, timeout time.Duration, match func(event) bool) event {
	e.t.Helper()
	for _, ev := range e.history {
		if match(ev) {
			return ev
		}
	}
	return e.next(what, timeout, match)
}

// next returns the next event that match accepts, failing the test on a fence violation, on an
// unexpected exit code, or after timeout.
func (e *election) next(what string, timeout time.Duration, match func(event) bool) event {
	e.t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case ev := <-e.events:
			e.history = append(e.history, ev)
			if ev.kind == evViolation {
				e.fail("%s: fence violation: %s", ev.from.id, ev.detail)
			}
			if ev.kind == "EXITED" && ev.detail != "0" && ev.detail != "-1" {
				e.fail("%s exited with code %s", ev.from.id, ev.detail)
			}
			if match(ev) {
				return ev
			}
		case <-deadline:
			e.fail("timed out after %s waiting for %s", timeout, what)
		}
	}
}

func (e *election) fail(format string, args ...any) {
	e.t.Helper()
	var b strings.Builder
	for _, ev := range e.history {
		fmt.Fprintf(&b, "  %s %-8s %-10s %s\n", ev.at.Format("15:04:05.000"), ev.from.id, ev.kind, ev.detail)
	}
	e.mu.Lock()
	for _, c := range e.all {
		log, _ := os.ReadFile(c.stderr)
		if len(log) > 1500 {
			log = log[len(log)-1500:]
		}
		fmt.Fprintf(&b, "--- stderr of %s ---\n%s", c.id, log)
	}
	e.mu.Unlock()
	e.t.Fatalf(format+"\nevents:\n%s", append(args, b.String())...)
}

func (e *election) stopAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, c := range e.all {
		_ = c.cmd.Process.Kill()
	}
	for _, c := range e.all {
		<-c.exited
	}
}

// is matches an event of kind from c (any candidate when c is nil) with detail (any when "").
func is(kind string, c *candidate, detail string) func(event) bool {
	return func(ev event) bool {
		return ev.kind == kind && (c == nil || ev.from == c) && (detail == "" || ev.detail == detail)
	}
}

// Two candidate processes hand leadership back and forth failovers times. The leader goes by
// SIGKILL (the standby must wait out the lease) or by SIGTERM with ReleaseOnCancel (the standby
// takes over at its next retry). Each leader's fenced writes prove no other process wrote the
// fence while it led, and the candidates' own clocks show every leader started after the
// previous one stopped.
func TestFailoverBetweenProcesses(t *testing.T) {
	ctx := context.Background()
	ns := createNamespace(t)
	cs, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	fence := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: fenceName}}
	if _, err := cs.CoreV1().ConfigMaps(ns).Create(ctx, fence, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	kubeconfig, err := testCluster.Kubeconfig(cluster.Auth{User: cluster.Admin})
	if err != nil {
		t.Fatal(err)
	}
	e := &election{
		t:      t,
		env:    []string{envKubeconfig + "=" + kubeconfig, envNamespace + "=" + ns},
		dir:    t.TempDir(),
		events: make(chan event, 1024),
	}
	defer e.stopAll()

	leader := e.start()
	e.next("the first leader", 30*time.Second, is(evLeading, leader, ""))
	var killTimes, releaseTimes []time.Duration
	for i := range failovers {
		standby := e.start()
		e.next(standby.id+" to observe "+leader.id, 30*time.Second, is(evNewLeader, standby, leader.id))
		time.Sleep(3 * retryPeriod) // let the leader renew and write a few times

		kill := i%2 == 0
		sig := map[bool]syscall.Signal{true: syscall.SIGKILL, false: syscall.SIGTERM}[kill]
		t0 := time.Now()
		if err := leader.cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		took := e.next(standby.id+" to take over", 30*time.Second, is(evLeading, nil, ""))
		if took.from != standby {
			e.fail("%s started leading, want %s", took.from.id, standby.id)
		}
		failover := took.at.Sub(t0)
		if failover < 0 {
			e.fail("%s lost the lease before it was signalled", leader.id)
		}
		if kill {
			killTimes = append(killTimes, failover)
			if failover > leaseDuration+retryPeriod+killGrace {
				e.fail("failover %d after SIGKILL took %s, want at most %s + %s (+%s)", i, failover, leaseDuration, retryPeriod, killGrace)
			}
		} else {
			releaseTimes = append(releaseTimes, failover)
			done := e.seen(leader.id+" to finish writing", 10*time.Second, is(evDone, leader, ""))
			if n, _ := strconv.Atoi(done.detail); n < 1 {
				e.fail("%s made %s fenced writes while leading", leader.id, done.detail)
			}
		}
		<-leader.exited
		leader = standby
	}
	e.stopAll()
	checkNoOverlap(e)
	t.Logf("failover after SIGKILL (lease %s, retry %s): %s", leaseDuration, retryPeriod, summary(killTimes))
	t.Logf("failover after SIGTERM with ReleaseOnCancel: %s", summary(releaseTimes))
}

// checkNoOverlap checks, on the candidates' clocks, that every leader started after the previous
// one stopped writing (or was killed).
func checkNoOverlap(e *election) {
	e.t.Helper()
	type term struct {
		who        string
		start, end time.Time
	}
	var terms []term
	open := map[*candidate]int{}
	for _, ev := range e.history {
		switch ev.kind {
		case evLeading:
			open[ev.from] = len(terms)
			terms = append(terms, term{who: ev.from.id, start: ev.at})
		case evDone, "EXITED":
			if i, ok := open[ev.from]; ok {
				terms[i].end = ev.at
				delete(open, ev.from)
			}
		}
	}
	for i := 1; i < len(terms); i++ {
		prev, cur := terms[i-1], terms[i]
		if prev.end.IsZero() || !cur.start.After(prev.end) {
			e.fail("%s started leading at %s while %s led (stopped %s)", cur.who, cur.start.Format("15:04:05.000"),
				prev.who, prev.end.Format("15:04:05.000"))
		}
	}
	if len(terms) != failovers+1 {
		e.fail("%d terms, want %d", len(terms), failovers+1)
	}
}

func summary(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return fmt.Sprintf("n=%d min %s median %s max %s", len(s), s[0].Round(time.Millisecond),
		s[len(s)/2].Round(time.Millisecond), s[len(s)-1].Round(time.Millisecond))
}

func createNamespace(t *testing.T) string {
	t.Helper()
	cs, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	name := "leaderelection-e2e"
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if _, err := cs.CoreV1().Namespaces().Create(context.Background(), ns, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	return name
}
