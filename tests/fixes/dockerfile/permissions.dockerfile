FROM node:20-slim
WORKDIR /srv/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --chmod=777 docker-entrypoint.sh /srv/bin/docker-entrypoint.sh
RUN mkdir -p /srv/app/uploads /srv/app/logs \
    && touch /srv/app/logs/access.log \
    && chmod -R 777 /srv/app/uploads /srv/app/logs
RUN mkdir -p /srv/app/config && touch /srv/app/config/settings.json && chmod 0666 /srv/app/config/settings.json
RUN mkdir -p /srv/cache/thumbs /srv/cache/tiles && find /srv/cache -type d -exec chmod 0777 {} +
RUN mkdir -p /srv/spool && chmod u+rwX,a+rwx /srv/spool
RUN install -d -m 0777 /srv/app/sessions
RUN touch /srv/app/logs/error.log && chmod o+w /srv/app/logs/error.log
RUN mkdir -p /srv/tmp && chmod 1777 /srv/tmp
USER node
ENTRYPOINT ["/srv/bin/docker-entrypoint.sh"]
CMD ["node", "server.js"]
