FROM node:20-slim
RUN npm config set strict-ssl false && npm ci
USER node
CMD ["node", "server.js"]
