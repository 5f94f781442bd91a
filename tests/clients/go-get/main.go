// One GET with Go's net/http, proxies from the environment (http.ProxyFromEnvironment).
// Usage: go-get URL CA_PEM. Prints the body, or the error and exits 1. go-get --version: the Go release.
// CA_PEM "-": the default roots, which Go takes from SSL_CERT_FILE and SSL_CERT_DIR when set.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"time"
)

func fetch(url, caFile string) (string, error) {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	if caFile != "-" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return "", err
		}
		roots := x509.NewCertPool()
		if !roots.AppendCertsFromPEM(pem) {
			return "", errors.New("no certificate in " + caFile)
		}
		transport.TLSClientConfig = &tls.Config{RootCAs: roots}
	}
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}
	response, err := client.Get(url)
	if err != nil {
		return "", err
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		return "", err
	}
	if response.StatusCode != http.StatusOK {
		return "", errors.New(response.Status)
	}
	return string(body), nil
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "--version" {
		fmt.Println(runtime.Version())
		return
	}
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go-get URL CA_PEM")
		os.Exit(2)
	}
	body, err := fetch(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-get:", err)
		os.Exit(1)
	}
	fmt.Print(body)
}
