#!/bin/sh
# Development certificates for oversightd's TLS and mutual TLS, made with the
# openssl command. NOT for production: the CA key sits beside the
# certificates, unencrypted. See docs/security.md for production PKI.
#
#   deploy/dev-certs.sh OUT_DIR [CLIENT_CN ...]
#
# Writes to OUT_DIR (created, mode 0700):
#   ca.pem, ca.key              a throw-away certificate authority (2 days)
#   server.pem, server.key      oversightd's certificate: SAN localhost, 127.0.0.1, ::1
#   client-<name>.pem/.key      one client certificate per CLIENT_CN, whose
#                               subject common name names the role (the CN
#                               convention of docs/security.md); <name> is the
#                               CN with every character outside [A-Za-z0-9._-]
#                               replaced by '-'.
# Default clients: regulator:dev, scoring_job:nightly, admin:dev,
# provider:P001, local_authority:Camden.
#
# Then:
#   oversightd --tls_cert=OUT/server.pem --tls_key=OUT/server.key --tls_client_ca=OUT/ca.pem
#   oversight --tls_ca=OUT/ca.pem --tls_cert=OUT/client-regulator-dev.pem \
#             --tls_key=OUT/client-regulator-dev.key providers
set -eu

if [ $# -lt 1 ]; then
  echo "usage: $0 OUT_DIR [CLIENT_CN ...]" >&2
  exit 2
fi
out=$1
shift
if [ $# -eq 0 ]; then
  set -- "regulator:dev" "scoring_job:nightly" "admin:dev" "provider:P001" "local_authority:Camden"
fi
days=${DEV_CERT_DAYS:-2}

umask 077
mkdir -p "$out"
chmod 700 "$out"

# EC P-256: fast to generate, accepted by gRPC's BoringSSL/OpenSSL alike.
key_options="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"

# shellcheck disable=SC2086
openssl req -x509 $key_options -keyout "$out/ca.key" -out "$out/ca.pem" -days "$days" \
  -subj "/CN=oversight development CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  2>/dev/null

issue() {  # name subject extensions
  printf '%s\n' "$3" > "$out/$1.ext"
  # shellcheck disable=SC2086
  openssl req -new $key_options -keyout "$out/$1.key" -out "$out/$1.csr" -subj "$2" 2>/dev/null
  openssl x509 -req -in "$out/$1.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" -CAcreateserial \
    -days "$days" -extfile "$out/$1.ext" -out "$out/$1.pem" 2>/dev/null
  rm -f "$out/$1.csr" "$out/$1.ext"
}

issue server "/CN=localhost" \
  "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
extendedKeyUsage=serverAuth
keyUsage=critical,digitalSignature"

for cn in "$@"; do
  name=client-$(printf '%s' "$cn" | tr -c 'A-Za-z0-9._-' '-')
  issue "$name" "/CN=$cn" \
    "extendedKeyUsage=clientAuth
keyUsage=critical,digitalSignature"
  echo "$out/$name.pem  CN=$cn"
done
rm -f "$out/ca.srl"
echo "$out/server.pem  CN=localhost (SAN localhost, 127.0.0.1, ::1)"
