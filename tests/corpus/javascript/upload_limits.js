// Upload middleware without a size limit.
const multer = require("multer");

const UPLOADS = "/srv/uploads";
const storage = multer.diskStorage({ destination: UPLOADS });
const inMemory = multer(); // expect: js-upload-no-size-limit
const toDisk = multer({ dest: UPLOADS }); // expect: js-upload-no-size-limit
const counted = multer({ storage, limits: { files: 3 } }); // expect: js-upload-no-size-limit
const bounded = multer({ storage, limits: { fileSize: 5 * 1024 * 1024 } }); // ok: js-upload-no-size-limit
const quoted = multer({ dest: UPLOADS, limits: { "fileSize": 1e6, files: 1 } }); // ok: js-upload-no-size-limit
const OPTIONS = { dest: UPLOADS, limits: { fileSize: 1e6 } };
const shared = multer(OPTIONS); // ok: js-upload-no-size-limit
const spread = multer({ ...OPTIONS, dest: "/srv/avatars" }); // ok: js-upload-no-size-limit
const fromConfig = multer({ storage, limits: config.uploadLimits }); // ok: js-upload-no-size-limit

module.exports = { inMemory, toDisk, counted, bounded, quoted, shared, spread, fromConfig };
