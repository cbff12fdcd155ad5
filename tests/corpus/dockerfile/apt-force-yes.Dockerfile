FROM ubuntu:22.04
# apt-get's deprecated `--force-yes` accepts unauthenticated packages when `-y` is given
# expect: docker-package-signature-disabled
RUN apt-get update && apt-get install -y --force-yes --no-install-recommends vendor-agent
# expect: docker-package-signature-disabled
RUN apt-get -qqy --force-yes dist-upgrade
# expect: docker-package-signature-disabled
RUN sudo apt install --assume-yes --force-yes vendor-cli
# without `-y` apt asks before installing an unauthenticated package, and a build cannot answer
# ok: docker-package-signature-disabled
RUN apt-get install --force-yes vendor-agent
# another program's own `--force-yes` switch is not apt's
# ok: docker-package-signature-disabled
RUN ./scripts/reset-db.sh -y --force-yes
# ok: docker-package-signature-disabled
RUN apt-get install -y --allow-downgrades --allow-change-held-packages vendor-agent=1.2.3
USER 10001
