package cli

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
)

// Connection says where the server is and how to reach it. Flags win over
// the environment, which wins over the profile, which wins over defaults.
type Connection struct {
	Addr      string `yaml:"addr"`
	APIKey    string `yaml:"api_key"`
	Plaintext bool   `yaml:"plaintext"`
	CACert    string `yaml:"cacert"`
	Org       string `yaml:"organization"`
}

// profileFile is the YAML file of named connections:
//
//	current: prod
//	profiles:
//	  prod: {addr: "gv.example.com:443", api_key: "...", organization: acme}
//	  local: {addr: "127.0.0.1:50051", plaintext: true}
type profileFile struct {
	Current  string                `yaml:"current"`
	Profiles map[string]Connection `yaml:"profiles"`
}

// defaultProfilePath is $GVCTL_CONFIG, else ~/.config/gvctl/config.yaml.
func defaultProfilePath() string {
	if path := os.Getenv("GVCTL_CONFIG"); path != "" {
		return path
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "gvctl", "config.yaml")
}

// loadProfile reads profile `name` (the file's current one when empty) from
// path; a missing file is no profile unless one was asked for by name.
func loadProfile(path, name string) (Connection, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) && name == "" {
		return Connection{}, nil
	}
	if err != nil {
		return Connection{}, fmt.Errorf("profile file: %w", err)
	}
	var file profileFile
	if err := yaml.Unmarshal(data, &file); err != nil {
		return Connection{}, fmt.Errorf("profile file %s: %w", path, err)
	}
	if name == "" {
		name = file.Current
	}
	if name == "" {
		return Connection{}, nil
	}
	profile, ok := file.Profiles[name]
	if !ok {
		return Connection{}, usagef("profile %q is not in %s", name, path)
	}
	return profile, nil
}

// resolve fills what the flags left empty from the environment, then the
// profile, then the defaults.
func (c Connection) resolve(profile Connection) Connection {
	first := func(values ...string) string {
		for _, v := range values {
			if v != "" {
				return v
			}
		}
		return ""
	}
	return Connection{
		Addr:      first(c.Addr, os.Getenv("GUESTVOICE_ADDR"), profile.Addr, "127.0.0.1:50051"),
		APIKey:    first(c.APIKey, os.Getenv("GUESTVOICE_API_KEY"), profile.APIKey),
		Plaintext: c.Plaintext || profile.Plaintext,
		CACert:    first(c.CACert, profile.CACert),
		Org:       first(c.Org, os.Getenv("GUESTVOICE_ORG"), profile.Org, "default"),
	}
}

// dial opens the connection: TLS by default (the system roots, or --cacert's
// PEM file), plaintext only when asked for.
func (c Connection) dial() (*guestvoice.Client, error) {
	if c.APIKey == "" {
		return nil, exitError{ExitAuth, fmt.Errorf("no API key: set --api-key or GUESTVOICE_API_KEY " +
			"(a new server writes its admin key to <data_dir>/admin-api-key)")}
	}
	options := guestvoice.Options{Plaintext: c.Plaintext}
	if !c.Plaintext {
		config := &tls.Config{MinVersion: tls.VersionTLS12}
		if c.CACert != "" {
			pem, err := os.ReadFile(c.CACert)
			if err != nil {
				return nil, fmt.Errorf("--cacert: %w", err)
			}
			roots := x509.NewCertPool()
			if !roots.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("--cacert %s: no PEM certificate in it", c.CACert)
			}
			config.RootCAs = roots
		}
		options.TLS = config
	}
	return guestvoice.Dial(c.Addr, c.APIKey, options)
}

// parent is the organization's resource name.
func (c Connection) parent() string { return organizationName(c.Org) }
