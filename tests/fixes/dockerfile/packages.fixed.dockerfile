FROM debian:12-slim
RUN echo "deb [arch=amd64] https://apt.vendor.example.com stable main" > /etc/apt/sources.list.d/vendor.list \
    && echo "deb https://mirror.example.com/debian bookworm main" > /etc/apt/sources.list.d/mirror.list \
    && apt-get update \
    && apt-get install -y --no-install-recommends vendor-agent
RUN apt-get install -y --no-install-recommends vendor-cli \
    && apt-get install -qqy --allow-downgrades --allow-remove-essential --allow-change-held-packages vendor-tools=2.0.1

FROM alpine:3.20 AS tools
COPY vendor/agent.apk /tmp/
RUN apk add --no-cache /tmp/agent.apk

FROM rockylinux:9
RUN printf '[vendor]\nname=Vendor\nbaseurl=https://rpm.vendor.example.com/el9\ngpgcheck=1\nrepo_gpgcheck=1\n' > /etc/yum.repos.d/vendor.repo \
    && dnf install -y vendor-tool \
    && rpm -i /tmp/helper.rpm
USER 10001
CMD ["/usr/bin/vendor-tool"]
