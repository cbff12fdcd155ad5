require "tempfile"
require "tmpdir"

class ExportJob
  def perform(user, data)
    File.write("/tmp/export.csv", data) # expect: rb-insecure-temp-file
    File.open("/tmp/report-#{user.id}.txt", "w") { |f| f.write(data) } # expect: rb-insecure-temp-file
    File.write("#{Dir.tmpdir}/cache-#{user.id}", data) # expect: rb-insecure-temp-file
    path = Dir::Tmpname.create("export") { |p| p } # expect: rb-insecure-temp-file
    FileUtils.touch(File.join(Dir.tmpdir, "app.lock")) # expect: rb-insecure-temp-file

    Tempfile.create("export") { |f| f.write(data) } # ok: rb-insecure-temp-file
    Dir.mktmpdir { |dir| File.write(File.join(dir, "out.csv"), data) } # ok: rb-insecure-temp-file
    File.open("/tmp/report-#{user.id}.txt", File::WRONLY | File::CREAT | File::EXCL) { |f| f.write(data) } # ok: rb-insecure-temp-file
    old = File.read("/tmp/report.txt") # ok: rb-insecure-temp-file
    File.open("/tmp/report.txt") { |f| f.read } # ok: rb-insecure-temp-file
    File.write(Rails.root.join("tmp", "cache", "x"), data) # ok: rb-insecure-temp-file
    [path, old]
  end
end

class UploadsController < ApplicationController
  def create
    upload = params[:file]
    File.open(Rails.root.join("public", "uploads", upload.original_filename), "wb") { |f| f.write(upload.read) } # expect: rb-upload-client-filename
    name = params[:avatar].original_filename
    File.binwrite("storage/avatars/#{name}", params[:avatar].read) # expect: rb-upload-client-filename
    FileUtils.mv(upload.tempfile.path, File.join("uploads", upload.original_filename)) # expect: rb-upload-client-filename
    IO.copy_stream(upload, "uploads/" + upload.original_filename) # expect: rb-upload-client-filename

    ext = File.extname(upload.original_filename).downcase
    stored = SecureRandom.uuid + (%w[.png .jpg].include?(ext) ? ext : ".bin")
    File.open(Rails.root.join("storage", stored), "wb") { |f| f.write(upload.read) } # ok: rb-upload-client-filename
    current_user.avatar.attach(params[:avatar]) # ok: rb-upload-client-filename
    flash[:notice] = "Uploaded #{upload.original_filename}" # ok: rb-upload-client-filename
    Upload.create!(name: upload.original_filename, path: stored) # ok: rb-upload-client-filename
  end
end
