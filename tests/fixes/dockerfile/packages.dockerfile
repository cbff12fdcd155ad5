FROM debian:12-slim
RUN echo "deb [arch=amd64 trusted=yes] https://apt.vendor.example.com stable main" > /etc/apt/sources.list.d/vendor.list \
    && echo "deb [trusted=yes] https://mirror.example.com/debian bookworm main" > /etc/apt/sources.list.d/mirror.list \
    && apt-get update \
    && apt-get install -y --no-install-recommends --allow-unauthenticated vendor-agent
RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y --no-install-recommends vendor-cli \
    && apt-get install -qqy --force-yes vendor-tools=2.0.1

FROM alpine:3.20 AS tools
COPY vendor/agent.apk /tmp/
RUN apk add --no-cache --allow-untrusted /tmp/agent.apk

FROM rockylinux:9
RUN printf '[vendor]\nname=Vendor\nbaseurl=https://rpm.vendor.example.com/el9\ngpgcheck=0\nrepo_gpgcheck=0\n' > /etc/yum.repos.d/vendor.repo \
    && dnf install -y --nogpgcheck vendor-tool \
    && rpm -i --nosignature /tmp/helper.rpm
USER 10001
CMD ["/usr/bin/vendor-tool"]
