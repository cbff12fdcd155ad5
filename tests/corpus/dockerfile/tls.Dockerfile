FROM debian:12-slim
# expect: docker-tls-verify-disabled
RUN curl -fsSLk https://downloads.example.com/tool.tar.gz -o /tmp/tool.tar.gz
# expect: docker-tls-verify-disabled
RUN apt-get update && curl --insecure -o /usr/local/bin/jq https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64
# expect: docker-tls-verify-disabled
RUN wget -q --no-check-certificate https://downloads.example.com/agent.sh
# expect: docker-tls-verify-disabled
RUN pip install --no-cache-dir --trusted-host pypi.internal.example.com -i https://pypi.internal.example.com/simple app
# expect: docker-tls-verify-disabled
RUN npm config set strict-ssl false && npm ci
# expect: docker-tls-verify-disabled
RUN git config --global http.sslVerify false
# expect: docker-tls-verify-disabled
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
# expect: docker-tls-verify-disabled
RUN GIT_SSL_NO_VERIFY=true git clone https://git.internal.example.com/team/app.git
# expect: docker-tls-verify-disabled
RUN echo 'Acquire::https::Verify-Peer "false";' > /etc/apt/apt.conf.d/99insecure
# expect: docker-tls-verify-disabled
RUN echo insecure >> ~/.curlrc && curl -fsSLO https://downloads.example.com/tool.tar.gz
# expect: docker-tls-verify-disabled
RUN echo "check_certificate = off" >> /etc/wgetrc
# ok: docker-tls-verify-disabled
RUN echo "--proto =https" >> ~/.curlrc && echo "check_certificate = on" >> /etc/wgetrc
# `k` here is the output file of `-o`, and `sort -k` is a sort key
# ok: docker-tls-verify-disabled
RUN curl -fsSLo k https://downloads.example.com/k && sort -k 2 /tmp/list
# ok: docker-tls-verify-disabled
RUN curl -fsSL --cacert /usr/local/share/ca-certificates/internal.crt https://downloads.internal.example.com/tool -o /tmp/tool
# ok: docker-tls-verify-disabled
RUN echo "never use curl -k or --insecure here" && git config --global http.sslVerify true
# ok: docker-tls-verify-disabled
RUN npm config set strict-ssl true && pip install --cert /etc/ssl/internal.pem app
# ok: docker-tls-verify-disabled
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 GIT_SSL_NO_VERIFY=false
# ok: docker-tls-verify-disabled
RUN wget --ca-certificate=/etc/ssl/internal.pem https://downloads.internal.example.com/agent.sh

# expect: docker-package-signature-disabled
RUN apk add --no-cache --allow-untrusted /tmp/agent.apk
# expect: docker-package-signature-disabled
RUN apt-get install -y --allow-unauthenticated vendor-agent
# expect: docker-package-signature-disabled
RUN echo "deb [arch=amd64 trusted=yes] http://apt.example.com/ stable main" > /etc/apt/sources.list.d/vendor.list
# expect: docker-package-signature-disabled
RUN dnf install -y --nogpgcheck https://rpm.example.com/agent.rpm
# expect: docker-package-signature-disabled
RUN printf '[vendor]\nbaseurl=https://rpm.example.com\ngpgcheck=0\n' > /etc/yum.repos.d/vendor.repo
# ok: docker-package-signature-disabled
RUN apk add --no-cache --allow-downgrade curl
# ok: docker-package-signature-disabled
RUN echo "deb [signed-by=/usr/share/keyrings/vendor.gpg] https://apt.example.com/ stable main" > /etc/apt/sources.list.d/vendor.list
# ok: docker-package-signature-disabled
RUN printf '[vendor]\nbaseurl=https://rpm.example.com\ngpgcheck=1\nrepo_gpgcheck=1\n' > /etc/yum.repos.d/vendor.repo
# ok: docker-package-signature-disabled
RUN apt-get install -y --no-install-recommends --allow-downgrades vendor-agent=1.2.3
USER 10001
