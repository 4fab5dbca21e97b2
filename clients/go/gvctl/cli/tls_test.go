package cli_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
	"github.com/guestvoice/guestvoice/clients/go/internal/testserver"
)

// selfSigned writes a certificate for 127.0.0.1 that is its own CA, and
// its key, as PEM files in dir.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "guestvoice test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	for path, block := range map[string]*pem.Block{certFile: {Type: "CERTIFICATE", Bytes: der}, keyFile: {Type: "EC PRIVATE KEY", Bytes: keyDER}} {
		if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return certFile, keyFile
}

func TestTLSIsTheDefaultAndCACertTrustsAPrivateCA(t *testing.T) {
	h := newHarness(t)
	certFile, keyFile := selfSigned(t, h.dir)
	server := testserver.Start(t, "--tls_cert_file="+certFile, "--tls_key_file="+keyFile)
	run := func(args ...string) result {
		var stdout, stderr strings.Builder
		full := append([]string{"--addr", server.Address, "--api-key", server.AdminKey}, args...)
		code := cli.Run(t.Context(), full, strings.NewReader(""), &stdout, &stderr)
		return result{stdout.String(), stderr.String(), code}
	}
	if r := run("--cacert", certFile, "hotels", "list"); r.code != cli.ExitOK {
		t.Errorf("TLS with --cacert: exit %d %s", r.code, r.stderr)
	}
	if r := run("hotels", "list"); r.code != cli.ExitUnreachable || !strings.Contains(r.stderr, "--cacert") {
		t.Errorf("an untrusted certificate: exit %d %s", r.code, r.stderr)
	}
	if r := run("--cacert", filepath.Join(h.dir, "missing.pem"), "hotels", "list"); r.code != cli.ExitError {
		t.Errorf("a missing --cacert file: exit %d %s", r.code, r.stderr)
	}
}
