FROM debian:bookworm-slim AS tools
RUN useradd --system builder
USER builder
# expect: docker-add-remote-url
ADD http://mirror.example.com/tools/protoc.zip /tmp/protoc.zip
# expect: docker-add-remote-url
ADD --chown=builder https://github.com/example/schemas.git /schemas
# ok: docker-add-remote-url
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://mirror.example.com/tools/protoc.zip /tmp/protoc.zip

# The user of an earlier stage does not carry over.
# expect: docker-runs-as-root
FROM debian:bookworm-slim
COPY --from=tools /schemas /schemas
CMD ["/usr/local/bin/worker"]
