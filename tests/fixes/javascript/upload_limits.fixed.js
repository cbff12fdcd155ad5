const multer = require("multer");

const upload = multer({ dest: "/srv/uploads", limits: { fileSize: 10 * 1024 * 1024 } });
const avatars = multer({ dest: "/srv/avatars", limits: { files: 1, fileSize: 10 * 1024 * 1024 } });
const memory = multer({ limits: { fileSize: 10 * 1024 * 1024 } });
