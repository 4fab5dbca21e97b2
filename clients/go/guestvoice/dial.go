package guestvoice

import (
	"context"
	"crypto/tls"
	"fmt"

	"github.com/google/uuid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// gRPC retries resend the very same request message, so a request_id set
// once by the caller is reused by every attempt and the server answers a
// retried create with the first result (AIP-155). Only UNAVAILABLE is
// retried: guestvoice uses it for "nothing happened, try again".
const serviceConfig = `{"methodConfig": [{
  "name": [{"service": "guestvoice.v1.AdminService"}, {"service": "guestvoice.v1.HotelService"},
           {"service": "guestvoice.v1.FeedbackService"}, {"service": "guestvoice.v1.LoyaltyService"},
           {"service": "guestvoice.v1.InsightService"}],
  "retryPolicy": {"maxAttempts": 4, "initialBackoff": "0.1s", "maxBackoff": "2s",
                  "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}}]}`

// Options configure Dial. The zero value means TLS with the system roots.
type Options struct {
	// Plaintext disables TLS, for a server on loopback only.
	Plaintext bool
	// TLS replaces the default TLS configuration, for example to trust a
	// private CA.
	TLS *tls.Config
	// DialOptions are appended to those Dial sets, for interceptors or
	// keepalive settings.
	DialOptions []grpc.DialOption
}

// Client is one connection and a stub per guestvoice service.
type Client struct {
	Conn     *grpc.ClientConn
	Admin    gv.AdminServiceClient
	Hotels   gv.HotelServiceClient
	Feedback gv.FeedbackServiceClient
	Loyalty  gv.LoyaltyServiceClient
	Insights gv.InsightServiceClient
}

// Close closes the connection.
func (c *Client) Close() error { return c.Conn.Close() }

// Dial connects to guestvoice at target (host:port) with apiKey. Like
// grpc.NewClient it does not block: a wrong address shows up as UNAVAILABLE
// on the first call. A unary call the server refuses for a limit (its rate
// limit per API key, say) is sent again after the delay the server names,
// within the call's deadline (limits.go).
func Dial(target, apiKey string, opts Options) (*Client, error) {
	transport := credentials.NewTLS(opts.TLS)
	if opts.Plaintext {
		transport = insecure.NewCredentials()
	}
	dialOptions := append([]grpc.DialOption{
		grpc.WithTransportCredentials(transport),
		grpc.WithPerRPCCredentials(bearerKey{key: apiKey, requireTLS: !opts.Plaintext}),
		grpc.WithDefaultServiceConfig(serviceConfig),
		grpc.WithChainUnaryInterceptor(waitWhenLimited),
	}, opts.DialOptions...)
	conn, err := grpc.NewClient(target, dialOptions...)
	if err != nil {
		return nil, fmt.Errorf("guestvoice: dial %s: %w", target, err)
	}
	return &Client{
		Conn:     conn,
		Admin:    gv.NewAdminServiceClient(conn),
		Hotels:   gv.NewHotelServiceClient(conn),
		Feedback: gv.NewFeedbackServiceClient(conn),
		Loyalty:  gv.NewLoyaltyServiceClient(conn),
		Insights: gv.NewInsightServiceClient(conn),
	}, nil
}

// NewRequestID returns a fresh request_id for a create call; reuse it to
// retry that call by hand.
func NewRequestID() string { return uuid.NewString() }

type bearerKey struct {
	key        string
	requireTLS bool
}

func (b bearerKey) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.key}, nil
}

// RequireTransportSecurity keeps a TLS client from ever sending its key in
// the clear; a plaintext client has opted out explicitly.
func (b bearerKey) RequireTransportSecurity() bool { return b.requireTLS }
