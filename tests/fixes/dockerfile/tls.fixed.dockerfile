FROM debian:12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates python3-pip \
    && curl -fsSL https://downloads.example.com/tool.tar.gz -o /tmp/tool.tar.gz \
    && curl -o /usr/local/bin/jq https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64
RUN wget -q https://downloads.example.com/agent.sh -O /opt/agent.sh
RUN pip install --no-cache-dir -i https://pypi.internal.example.com/simple app
USER 10001
CMD ["/opt/app"]
