#!/usr/bin/env bash
# Makes a DEMO public-key infrastructure for the HQ sync (docs/sync.md, docs/hq.md) with the
# openssl command line. Demo only: real agencies issue certificates from their own CA.
#
#   packaging/make-pki.sh OUTDIR [--hq-host NAME] [--workstation CN]...
#
# OUTDIR must be empty or absent. It receives (keys mode 0600, everything PEM):
#   ca.crt ca.key                 the demo agency CA (HQ and workstations trust it)
#   crl.pem                       the CA's revocation list: names ws-revoked
#   hq.crt hq.key                 HQ's server certificate: SAN DNS:localhost, IP:127.0.0.1 and
#                                 DNS:NAME of --hq-host (serverAuth)
#   <CN>.crt <CN>.key             one client certificate per --workstation (default ws-demo-01;
#                                 clientAuth, subject CN = the site name)
#   ws-revoked.crt ws-revoked.key a client certificate of the demo CA, revoked in crl.pem
#   ws-expired.crt ws-expired.key a client certificate of the demo CA that expired in 2020
#   other-ca.crt other-ca.key     a second CA nobody trusts
#   ws-other.crt ws-other.key     a client certificate signed by the other CA
#   ca-db/, other-ca-db/          the CAs' bookkeeping (index, serials) for openssl ca
#
# Every certificate is signed by `openssl ca` so start and end dates can be set freely
# (the expired one) and the CRL lists what was revoked. Keys are EC P-256.
set -euo pipefail

usage() {
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
out=$1
shift
hq_host=""
workstations=()
while [ $# -gt 0 ]; do
  case $1 in
    --hq-host)
      [ $# -ge 2 ] || { echo "make-pki.sh: --hq-host needs a host name" >&2; exit 2; }
      hq_host=$2
      shift 2
      ;;
    --workstation)
      [ $# -ge 2 ] || { echo "make-pki.sh: --workstation needs a CN" >&2; exit 2; }
      workstations+=("$2")
      shift 2
      ;;
    -h|--help) usage ;;
    *) echo "make-pki.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ ${#workstations[@]} -gt 0 ] || workstations=(ws-demo-01)

name_ok='^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$'
for cn in "${workstations[@]}" ${hq_host:+"$hq_host"}; do
  [[ $cn =~ $name_ok ]] || { echo "make-pki.sh: '$cn' is not a valid name (letters, digits, . and -)" >&2; exit 2; }
done
for cn in "${workstations[@]}"; do
  case $cn in
    ca|hq|crl|other-ca|ws-revoked|ws-expired|ws-other)
      echo "make-pki.sh: workstation name '$cn' is reserved by the demo PKI" >&2; exit 2 ;;
  esac
done

if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "make-pki.sh: $out is not empty; give an empty or new folder" >&2
  exit 1
fi
mkdir -p "$out"
cd "$out"
umask 077

# The bookkeeping and policy of one CA for `openssl ca`.
ca_config() { # NAME
  local db=$1-db
  mkdir -p "$db/new"
  : >"$db/index.txt"
  echo 1000 >"$db/serial"
  echo 1000 >"$db/crlnumber"
  cat >"$db/openssl.cnf" <<EOF
[ ca ]
default_ca = demo
[ demo ]
dir = $db
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
crlnumber = \$dir/crlnumber
certificate = $1.crt
private_key = $1.key
default_md = sha256
default_days = 825
default_crl_days = 3650
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
organizationName = optional
[ client ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = @server_names
[ server_names ]
DNS.1 = localhost
IP.1 = 127.0.0.1
${hq_host:+DNS.2 = $hq_host}
EOF
}

new_key() { # FILE
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  chmod 0600 "$1"
}

make_ca() { # NAME SUBJECT-CN
  new_key "$1.key"
  openssl req -new -x509 -key "$1.key" -out "$1.crt" -days 3650 -sha256 \
    -subj "/O=Prescreen demo/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  ca_config "$1"
}

# Signs a new key's certificate: CA NAME CN EXTENSIONS [openssl ca date options...]
issue() {
  local ca=$1 name=$2 cn=$3 ext=$4
  shift 4
  new_key "$name.key"
  openssl req -new -key "$name.key" -out "$name.csr" -subj "/O=Prescreen demo/CN=$cn" 2>/dev/null
  openssl ca -batch -notext -config "$ca-db/openssl.cnf" -extensions "$ext" \
    -in "$name.csr" -out "$name.crt" "$@" 2>/dev/null
  rm -f "$name.csr"
  chmod 0644 "$name.crt"
}

make_ca ca "Prescreen demo agency CA"
issue ca hq "${hq_host:-localhost}" server
for cn in "${workstations[@]}"; do
  issue ca "$cn" "$cn" client
done
issue ca ws-revoked ws-revoked client
issue ca ws-expired ws-expired client -startdate 20190101000000Z -enddate 20200101000000Z
openssl ca -batch -config ca-db/openssl.cnf -revoke ws-revoked.crt -crl_reason keyCompromise 2>/dev/null
openssl ca -batch -config ca-db/openssl.cnf -gencrl -out crl.pem 2>/dev/null

make_ca other-ca "Someone else's CA"
issue other-ca ws-other ws-other client

chmod 0644 ca.crt other-ca.crt crl.pem
echo "demo PKI written to $(pwd): CA ca.crt, CRL crl.pem, HQ hq.crt/hq.key, workstations: ${workstations[*]}"
