FROM python:3.12-slim AS build
WORKDIR /src
COPY requirements.txt constraints.txt ./
RUN pip wheel --wheel-dir /wheels -r requirements.txt -c constraints.txt

FROM python:3.12-slim
ADD rootfs-overlay.tar.gz /
COPY --chown=10001:10001 --link src/ /srv/app/
copy ["config/logging.ini", "/etc/app/logging.ini"]
COPY --from=build /wheels /wheels
RUN pip install --no-index /wheels/*
USER 10001
CMD ["python", "-m", "app"]
