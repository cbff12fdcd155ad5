// Uploads stored under the name the client chose.
const express = require("express");
const multer = require("multer");
const fileUpload = require("express-fileupload");
const formidable = require("formidable");
const crypto = require("crypto");
const path = require("path");
const fs = require("fs");

const UPLOADS = "/srv/uploads";
const byName = multer.diskStorage({
  destination: UPLOADS,
  filename: (req, file, cb) => cb(null, file.originalname), // expect: js-upload-client-filename
});
const prefixed = multer.diskStorage({
  destination: UPLOADS,
  filename: (req, file, cb) => {
    cb(null, `${req.user.id}-${file.originalname}`); // expect: js-upload-client-filename
  },
});
const generated = multer.diskStorage({
  destination: UPLOADS,
  filename: (req, file, cb) => cb(null, crypto.randomUUID() + path.extname(file.originalname)), // ok: js-upload-client-filename
});
const stamped = multer.diskStorage({
  destination: UPLOADS,
  filename: (req, file, cb) => cb(null, `${Date.now()}${path.extname(file.originalname).toLowerCase()}`), // ok: js-upload-client-filename
});
const accept = multer({ storage: generated, limits: { fileSize: 5e6 } });

const app = express();
app.post("/avatar", fileUpload(), (req, res) => {
  const avatar = req.files.avatar;
  avatar.mv(path.join(UPLOADS, avatar.name)); // expect: js-upload-client-filename
  req.files.doc.mv(UPLOADS + "/" + req.files.doc.name); // expect: js-upload-client-filename
  req.files.doc.mv(path.join(UPLOADS, crypto.randomUUID() + ".pdf")); // ok: js-upload-client-filename
  res.sendStatus(204);
});

app.post("/memory", multer().single("file"), (req, res) => { // expect: js-upload-no-size-limit
  fs.writeFileSync(path.join(UPLOADS, crypto.randomUUID()), req.file.buffer); // ok: js-upload-client-filename
  console.info("stored %d bytes", req.file.size); // ok: js-upload-client-filename
  res.json({ name: req.file.originalname }); // ok: js-upload-client-filename
});

app.post("/form", (req, res) => {
  formidable().parse(req, (err, fields, files) => {
    const file = files.upload[0];
    fs.renameSync(file.filepath, path.join(UPLOADS, file.originalFilename)); // expect: js-upload-client-filename
    fs.renameSync(file.filepath, path.join(UPLOADS, file.newFilename)); // ok: js-upload-client-filename
    res.sendStatus(204);
  });
});
