#!/usr/bin/env bash
# Creates a certificate authority and a node key store signed by it, for TLS between fedvec nodes
# (cluster-config/tls.conf). Standard tools only: the JDK's keytool.
#   deploy/gen-certs.sh DIR [NODE_NAME] [SAN]       e.g. deploy/gen-certs.sh certs node-1 ip:127.0.0.1
# Writes DIR/ca.p12 (the CA's key: keep it off the nodes), DIR/ca.pem, DIR/truststore.p12 (the CA
# certificate: every node trusts only it) and DIR/NODE_NAME.p12 (the node's key and certificate chain).
# Every node of a cluster gets the same truststore and a node key store from the same CA; a node whose
# certificate another CA signed cannot join. The password comes from FEDVEC_TLS_PASSWORD (default
# "changeit"; choose your own). Running it again with an existing DIR reuses the CA and adds a node.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 DIR [NODE_NAME] [SAN]   (SAN e.g. ip:10.0.0.5 or dns:node1.example.org)" >&2
  exit 2
fi
dir=$1
node=${2:-node}
san=${3:-ip:127.0.0.1}
pass="${FEDVEC_TLS_PASSWORD:-changeit}"
command -v keytool > /dev/null || { echo "keytool (from a JDK) is needed" >&2; exit 2; }
mkdir -p "$dir"
cd "$dir"

if [ ! -f ca.p12 ]; then
  keytool -genkeypair -alias ca -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=fedvec-ca" \
    -ext bc:c -keystore ca.p12 -storetype PKCS12 -storepass "$pass" -keypass "$pass" > /dev/null 2>&1
  keytool -exportcert -alias ca -keystore ca.p12 -storepass "$pass" -rfc -file ca.pem > /dev/null 2>&1
  keytool -importcert -alias ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 \
    -storepass "$pass" -noprompt > /dev/null 2>&1
fi

rm -f "$node.p12" "$node.csr" "$node.pem"
keytool -genkeypair -alias node -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=fedvec-$node" \
  -keystore "$node.p12" -storetype PKCS12 -storepass "$pass" -keypass "$pass" > /dev/null 2>&1
keytool -certreq -alias node -keystore "$node.p12" -storepass "$pass" -file "$node.csr" > /dev/null 2>&1
keytool -gencert -alias ca -keystore ca.p12 -storepass "$pass" -infile "$node.csr" -outfile "$node.pem" \
  -rfc -validity 3650 -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth,clientAuth \
  -ext "san=$san" > /dev/null 2>&1
keytool -importcert -alias ca -file ca.pem -keystore "$node.p12" -storepass "$pass" -noprompt > /dev/null 2>&1
keytool -importcert -alias node -file "$node.pem" -keystore "$node.p12" -storepass "$pass" > /dev/null 2>&1
rm -f "$node.csr"
echo "$dir/$node.p12 signed by $dir/ca.pem; trust store $dir/truststore.p12"
