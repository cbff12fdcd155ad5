FROM golang:1.23 AS build
RUN go build -o /out/server ./cmd/server
# ok: docker-runs-as-root
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /server
ENTRYPOINT ["/server"]
