package transport

import (
	"encoding/pem"
	"errors"
	"os"
)

// TLSError is TLS material that cannot be used: a file that cannot be read, data without PEM
// certificates, a client certificate or key that does not parse, or a pair that does not match. Field
// names the TLSConfig field it came from (CAFile, CAData, CertFile, CertData, KeyFile or KeyData), so
// the layer that filled it in (a kubeconfig) can name its own file and key. It never holds key material.
type TLSError struct {
	// Field is the TLSConfig field at fault.
	Field string
	// Err is the cause.
	Err error
}

// Error formats the error as "transport: TLS FIELD: CAUSE".
func (e *TLSError) Error() string { return "transport: TLS " + e.Field + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *TLSError) Unwrap() error { return e.Err }

// Validate loads the CA and the client certificate and key as New would, once, and returns a *TLSError
// naming the field of the first that cannot be used, or nil. Files are read but not watched.
func (t TLSConfig) Validate() error {
	if _, err := t.rootCAs(); err != nil {
		return err
	}
	if !t.hasCert() {
		return nil
	}
	certPEM, certField, err := readMaterial(t.CertData, "CertData", t.CertFile, "CertFile")
	if err != nil {
		return err
	}
	keyPEM, keyField, err := readMaterial(t.KeyData, "KeyData", t.KeyFile, "KeyFile")
	if err != nil {
		return err
	}
	if certField == "" || keyField == "" {
		return &TLSError{Field: certField + keyField, Err: errors.New("a client certificate needs both a certificate and a key")}
	}
	if _, err := parseKeyPair(certPEM, keyPEM); err != nil {
		field := keyField
		if !hasPEMCertificate(certPEM) {
			field = certField
		}
		return &TLSError{Field: field, Err: err}
	}
	return nil
}

// readMaterial returns inline data, else the file's contents, with the field they came from ("" when
// neither is set).
func readMaterial(data []byte, dataField, file, fileField string) ([]byte, string, error) {
	if len(data) > 0 {
		return data, dataField, nil
	}
	if file == "" {
		return nil, "", nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fileField, &TLSError{Field: fileField, Err: err}
	}
	return b, fileField, nil
}

// hasPEMCertificate reports whether data holds a PEM CERTIFICATE block.
func hasPEMCertificate(data []byte) bool {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return false
		}
		if block.Type == "CERTIFICATE" {
			return true
		}
	}
}
