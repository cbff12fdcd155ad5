# ok: docker-runs-as-root
from alpine:3.20
run apk add --no-cache ca-certificates
user 10001:10001
entrypoint ["/app"]
