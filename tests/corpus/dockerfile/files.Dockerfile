FROM python:3.12-slim AS build
# expect: docker-add-instead-of-copy
ADD . /src
# expect: docker-add-instead-of-copy
ADD --chown=10001:10001 --chmod=644 requirements.txt constraints.txt /src/
# expect: docker-add-instead-of-copy
add --link conf/ /etc/app/
# expect: docker-add-instead-of-copy
ADD ["config files/", "/etc/app/"]
# a local archive: unpacking it is why ADD is used
# ok: docker-add-instead-of-copy
ADD rootfs.tar.xz /
# ok: docker-add-instead-of-copy
ADD --chown=app vendor/wheels.tgz /opt/wheels/
# remote sources are docker-add-remote-url's
# ok: docker-add-instead-of-copy
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
# expect: docker-add-remote-url # ok: docker-add-instead-of-copy
ADD git@github.com:acme/schemas.git /schemas
# the source is only known at build time
# ok: docker-add-instead-of-copy
ADD ${BUNDLE} /opt/bundle/
# ok: docker-add-instead-of-copy
COPY --chown=10001:10001 . /src
# a shell command named add, and a package manager's `add`
# ok: docker-add-instead-of-copy
RUN apk add --no-cache tini && add_user() { :; }
# a destination named like an archive is not an archive source
# expect: docker-add-instead-of-copy
ADD backup.sql /var/backups/db.tar

FROM python:3.12-slim
# expect: docker-world-writable
COPY --chmod=777 docker-entrypoint.sh /usr/local/bin/
# expect: docker-world-writable, docker-add-instead-of-copy
ADD --chown=app --chmod=0666 settings.ini /etc/app/
# expect: docker-world-writable
RUN mkdir -p /srv/app/uploads && chmod -R 777 /srv/app
# expect: docker-world-writable
RUN chmod 0666 /etc/app/settings.ini
# expect: docker-world-writable
RUN chmod o+w /var/log/app.log
# expect: docker-world-writable
RUN chmod -R u+rwX,a+rwx /srv/data
# expect: docker-world-writable
RUN find /srv/cache -type d -exec chmod 0777 {} +
# expect: docker-world-writable
RUN ls /srv/plugins/*.so | xargs chmod 766
# expect: docker-world-writable
RUN sudo chmod 2777 /srv/shared
# expect: docker-world-writable
RUN install -d -m 0777 /srv/app/cache
# expect: docker-world-writable
RUN mkdir -p /srv/app && mkdir --mode=777 /srv/app/sessions
# expect: docker-world-writable
RUN install -o root -m 666 /dev/null /srv/app/state.json
# ok: docker-world-writable
RUN install -d -m 0755 /srv/app/cache && mkdir -m 1777 /srv/app/tmp && install -m 0644 conf /etc/app/
# mode 777 in another command of the chain, given to a tool that is not mkdir
# ok: docker-world-writable
RUN mkdir -p /srv/app && useradd -m 777 && mkdir -m 750 /srv/app/keys
# a heredoc written by ADD
# ok: docker-add-instead-of-copy
ADD <<EOF /etc/app/limits.conf
nofile 65536
EOF
# a shared scratch directory with the sticky bit, and modes without write for others
# ok: docker-world-writable
RUN mkdir -p /tmp/app && chmod 1777 /tmp/app
# ok: docker-world-writable
RUN chmod 755 /usr/local/bin/entrypoint && chmod 0644 /etc/app/settings.ini
# ok: docker-world-writable
RUN chmod -R g+w,o-w /srv/app && chmod +w /srv/app/cache && chmod o+rx /srv/app
# ok: docker-world-writable
COPY --chmod=0755 --chown=app:app bin/ /usr/local/bin/
# looking for world-writable files is not making them
# ok: docker-world-writable
RUN find / -xdev -perm -0002 -type f -exec chmod o-w {} +
# ok: docker-world-writable
RUN find /srv -perm 777 -exec chmod 755 {} +
# ok: docker-world-writable
RUN echo "chmod 777 is never needed" > /etc/motd
USER 10001
