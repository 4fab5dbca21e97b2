package guestvoice_test

import (
	"crypto/tls"
	"crypto/x509"
	"os"
	"path/filepath"
	"testing"
	"time"

	"google.golang.org/grpc/codes"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/internal/testserver"
)

// Dial's TLS path against a server with a private authority: trusted, the
// call goes through with the key; untrusted, the handshake fails and the key
// is never sent.
func TestTLSReachesAServerOnlyThroughItsAuthority(t *testing.T) {
	certificates := testserver.Certificates(t)
	server := testserver.Start(t, testserver.TLSFlags(certificates)...)
	authority, err := os.ReadFile(filepath.Join(certificates, "ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	trusted := x509.NewCertPool()
	if !trusted.AppendCertsFromPEM(authority) {
		t.Fatal("ca.pem holds no certificate")
	}

	cases := []struct {
		name    string
		options guestvoice.Options
		want    codes.Code
	}{
		{"trusting the authority", guestvoice.Options{TLS: &tls.Config{RootCAs: trusted}}, codes.OK},
		{"system roots only", guestvoice.Options{}, codes.Unavailable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			client, err := guestvoice.Dial(server.Address, server.AdminKey, c.options)
			if err != nil {
				t.Fatal(err)
			}
			defer client.Close()
			org, err := client.Admin.GetOrganization(withDeadline(t, 5*time.Second),
				&gv.GetOrganizationRequest{Name: parent})
			if got := guestvoice.Details(err).Code; got != c.want {
				t.Fatalf("code = %v (%v), want %v", got, err, c.want)
			}
			if c.want == codes.OK && org.GetName() != parent {
				t.Errorf("GetOrganization = %v, want %s", org, parent)
			}
		})
	}
}
