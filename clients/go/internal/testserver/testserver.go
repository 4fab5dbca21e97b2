// Package testserver starts a real guestvoiced for tests: port 0, a fresh
// data dir, the port read from its log and the first admin key from
// <data_dir>/admin-api-key. GUESTVOICED names the binary (default:
// build/release/service/guestvoiced of this repo).
package testserver

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

const startDeadline = 30 * time.Second

var listening = regexp.MustCompile(`guestvoiced listening on port (\d+) `)

// Server is a running guestvoiced.
type Server struct {
	Address  string
	AdminKey string
}

// repoPath is path inside the repository this file is in.
func repoPath(path string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "../../../..", path)
}

func binary() string {
	if path := os.Getenv("GUESTVOICED"); path != "" {
		return path
	}
	return repoPath("build/release/service/guestvoiced")
}

// Run starts guestvoiced on dataDir, which must not exist yet, with any
// flags besides the test defaults, and returns it with the function that
// stops it.
func Run(dataDir string, flags ...string) (*Server, func(), error) {
	// No metrics endpoint: the default port would collide with servers
	// running side by side.
	args := append([]string{"--listen=127.0.0.1:0", "--metrics_listen=", "--data_dir=" + dataDir, "--sync_writes=false"}, flags...)
	cmd := exec.Command(binary(), args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("start guestvoiced (set GUESTVOICED): %w", err)
	}
	stop := func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}

	port := make(chan string, 1)
	var log strings.Builder
	go func() {
		// Reads to the end so the server never blocks on a full pipe.
		scanner := bufio.NewScanner(stderr)
		for scanner.Scan() {
			line := scanner.Text()
			if m := listening.FindStringSubmatch(line); m != nil {
				port <- m[1]
			} else if len(port) == 0 {
				log.WriteString(line + "\n")
			}
		}
		close(port)
	}()
	select {
	case p, ok := <-port:
		if !ok {
			stop()
			return nil, nil, fmt.Errorf("guestvoiced exited before listening:\n%s", log.String())
		}
		key, err := os.ReadFile(filepath.Join(dataDir, "admin-api-key"))
		if err != nil {
			stop()
			return nil, nil, err
		}
		return &Server{Address: "127.0.0.1:" + p, AdminKey: strings.TrimSpace(string(key))}, stop, nil
	case <-time.After(startDeadline):
		stop()
		return nil, nil, fmt.Errorf("guestvoiced did not listen within %v", startDeadline)
	}
}

// Start runs guestvoiced for one test, with any flags besides the test
// defaults, and stops it when the test ends.
func Start(t testing.TB, flags ...string) *Server {
	t.Helper()
	server, stop, err := Run(filepath.Join(t.TempDir(), "data"), flags...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return server
}

// Certificates makes a throwaway authority and a server certificate it
// signed for 127.0.0.1 with tools/make-test-certificates, for one test, and
// returns their directory: ca.pem, server.pem and server.key.
func Certificates(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command(repoPath("tools/make-test-certificates"), dir).CombinedOutput(); err != nil {
		t.Fatalf("make-test-certificates: %v\n%s", err, out)
	}
	return dir
}

// TLSFlags make guestvoiced serve TLS only, with the server certificate of
// a Certificates directory.
func TLSFlags(certificates string) []string {
	return []string{
		"--tls_cert_file=" + filepath.Join(certificates, "server.pem"),
		"--tls_key_file=" + filepath.Join(certificates, "server.key"),
	}
}

// RunPackage is a package's TestMain when its tests share one server: it
// starts guestvoiced on a fresh temporary data dir, sets *shared to it, runs
// the tests, stops the server, removes the dir and exits with the tests'
// code.
func RunPackage(m *testing.M, shared **Server) {
	dir, err := os.MkdirTemp("", "guestvoice-go-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	server, stop, err := Run(filepath.Join(dir, "data"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	*shared = server
	code := m.Run()
	stop()
	os.RemoveAll(dir)
	os.Exit(code)
}

// SkipIfUnimplemented turns an UNIMPLEMENTED answer into a skip naming rpc,
// so an RPC the server does not have yet is reported, never passed.
func SkipIfUnimplemented(t testing.TB, rpc string, err error) {
	t.Helper()
	var grpcErr interface{ GRPCStatus() *status.Status }
	if errors.As(err, &grpcErr) && grpcErr.GRPCStatus().Code() == codes.Unimplemented {
		t.Skipf("server answers UNIMPLEMENTED for %s", rpc)
	}
}

// NewOrganization creates organization id with a key holding every scope of
// an organization, for a test that needs its data apart from other tests'.
// It returns the organization's name and the key.
func (s *Server) NewOrganization(t testing.TB, id string) (name, key string) {
	t.Helper()
	conn, err := grpc.NewClient(s.Address, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	admin := gv.NewAdminServiceClient(conn)
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+s.AdminKey)
	org, err := admin.CreateOrganization(ctx, &gv.CreateOrganizationRequest{
		OrganizationId: id,
		Organization:   &gv.Organization{DisplayName: id},
	})
	if err != nil {
		t.Fatal(err)
	}
	apiKey, err := admin.CreateApiKey(ctx, &gv.CreateApiKeyRequest{Parent: org.GetName(), ApiKey: &gv.ApiKey{
		DisplayName: "test",
		Scopes: []gv.Scope{
			gv.Scope_SCOPE_ADMIN, gv.Scope_SCOPE_FEEDBACK_READ, gv.Scope_SCOPE_FEEDBACK_WRITE,
			gv.Scope_SCOPE_LOYALTY_READ, gv.Scope_SCOPE_LOYALTY_WRITE, gv.Scope_SCOPE_INSIGHTS_READ,
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return org.GetName(), apiKey.GetKeyString()
}
