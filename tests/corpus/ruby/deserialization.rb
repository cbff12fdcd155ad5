require "yaml"

class StateStore
  def copy(obj)
    Marshal.load(Marshal.dump(obj)) # ok: rb-unsafe-deserialization
  end

  def roundtrip(settings)
    blob = Marshal.dump(settings)
    Marshal.load(blob) # ok: rb-unsafe-deserialization
  end

  def reassigned(settings, upload)
    blob = Marshal.dump(settings)
    blob = upload.read
    Marshal.load(blob) # expect: rb-unsafe-deserialization
  end

  def restore(cookie)
    Marshal.load(Base64.decode64(cookie)) # expect: rb-unsafe-deserialization
  end

  def configs(text, request)
    a = YAML.load(text, safe: true) # ok: rb-unsafe-deserialization
    b = YAML.load(text, permitted_classes: [Date, Symbol]) # ok: rb-unsafe-deserialization
    c = YAML.load(text, :safe => true) # ok: rb-unsafe-deserialization
    d = YAML.load(File.read(Rails.root.join("config", "features.yml"))) # ok: rb-unsafe-deserialization
    e = YAML.load(ERB.new(File.read("config/app.yml")).result) # ok: rb-unsafe-deserialization
    f = YAML.load(request.body.read) # expect: rb-unsafe-deserialization
    g = YAML.unsafe_load(text, permitted_classes: [Date]) # expect: rb-unsafe-deserialization
    h = YAML.load(text, safe: false) # expect: rb-unsafe-deserialization
    i = YAML.load(File.read(params[:path])) # expect: rb-unsafe-deserialization, rb-path-traversal
    j = YAML.safe_load(text, permitted_classes: [Date]) # ok: rb-unsafe-deserialization
    [a, b, c, d, e, f, g, h, i, j]
  end
end
