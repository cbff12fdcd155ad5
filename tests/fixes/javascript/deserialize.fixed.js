function readProfile(req) {
  return JSON.parse(req.cookies.profile);
}
