#!/bin/sh
# Made the committed certificates of this corpus once (2026-12): a CA, a second CA (for bundles and for
# "data wins over file"), a server certificate for the tests' local TLS listener (names localhost and
# kubernetes.corpus.test, not 127.0.0.1, so that tls-server-name is what makes https://127.0.0.1 valid),
# and two client certificates (RSA with a PKCS#1 key, EC with a SEC1 key). Valid for 100 years.
# Rerun only to replace them: the tests read the files, they never run this.
set -eu
cd "$(dirname "$0")/pki"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days $days -subj "/CN=corpus-ca" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other-ca.key -out other-ca.crt -days $days -subj "/CN=corpus-other-ca" 2>/dev/null
cat ca.crt other-ca.crt > bundle.crt
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=kubernetes.corpus.test" 2>/dev/null
printf 'subjectAltName=DNS:localhost,DNS:kubernetes.corpus.test\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days $days -extfile server.ext 2>/dev/null
openssl genrsa -traditional -out client-rsa.key 2048 2>/dev/null
openssl req -new -key client-rsa.key -out client-rsa.csr -subj "/O=corpus/CN=rsa-user" 2>/dev/null
openssl x509 -req -in client-rsa.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client-rsa.crt -days $days 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out client-ec.key
openssl req -new -key client-ec.key -out client-ec.csr -subj "/O=corpus/CN=ec-user" 2>/dev/null
openssl x509 -req -in client-ec.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client-ec.crt -days $days 2>/dev/null
rm -f ./*.csr ./*.srl server.ext ca.key other-ca.key
