const multer = require("multer");

const upload = multer({ dest: "/srv/uploads" });
const avatars = multer({ dest: "/srv/avatars", limits: { files: 1 } });
const memory = multer();
