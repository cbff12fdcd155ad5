FROM debian:12-slim
# expect: docker-download-run-unverified
RUN curl -fsSLO https://dl.k8s.io/release/v1.30.2/bin/linux/amd64/kubectl \
    && install -m 0755 kubectl /usr/local/bin/kubectl
# expect: docker-download-run-unverified
RUN wget -q https://github.com/cli/cli/releases/download/v2.52.0/gh_2.52.0_linux_amd64.deb \
    && dpkg -i gh_2.52.0_linux_amd64.deb && rm gh_2.52.0_linux_amd64.deb
# expect: docker-download-run-unverified
RUN curl -fsSL -o /tmp/get-helm.sh https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3 && bash /tmp/get-helm.sh
# expect: docker-download-run-unverified
RUN --mount=type=cache,target=/root/.cache wget -O /usr/local/bin/yq https://github.com/mikefarah/yq/releases/download/v4.44.2/yq_linux_amd64 && chmod a+x /usr/local/bin/yq
# ok: docker-download-run-unverified
RUN curl -fsSLO https://dl.k8s.io/release/v1.30.2/bin/linux/amd64/kubectl \
    && echo "7c3807c0f5c1b30110a2ff1e55da1d112a6d0096201f1beb81b269f582b5d1c5  kubectl" | sha256sum -c - \
    && install -m 0755 kubectl /usr/local/bin/kubectl
# ok: docker-download-run-unverified
RUN curl -fsSLo /tmp/node.tar.xz https://nodejs.org/dist/v20.15.0/node-v20.15.0-linux-x64.tar.xz \
    && curl -fsSLo /tmp/SHASUMS256.txt.asc https://nodejs.org/dist/v20.15.0/SHASUMS256.txt.asc \
    && gpg --batch --decrypt --output /tmp/SHASUMS256.txt /tmp/SHASUMS256.txt.asc \
    && tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1
# a downloaded data file and a script of the image's own
# ok: docker-download-run-unverified
RUN curl -fsSLo /etc/app/geoip.mmdb https://downloads.example.com/geoip.mmdb && sh /opt/app/migrate.sh
# ok: docker-download-run-unverified
RUN curl -fsSLo /usr/share/doc/app/LICENSE https://example.com/LICENSE && install -m 0644 /usr/share/doc/app/LICENSE /opt/
# the program is on the command line; the download is only its input
# ok: docker-curl-pipe-shell
RUN curl -fsSL https://api.github.com/repos/acme/tool/releases/latest | python3 -c "import json, sys; print(json.load(sys.stdin)['tag_name'])" > /tag
# expect: docker-curl-pipe-shell
RUN curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
USER 10001
