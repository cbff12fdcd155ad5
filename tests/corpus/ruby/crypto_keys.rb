require "digest"
require "openssl"

class Signer
  def sign(data, secret)
    sig = Digest::MD5.hexdigest(secret + data) # expect: rb-weak-hash
    mac = OpenSSL::Digest::SHA1.hexdigest(data) # expect: rb-weak-hash
    d = OpenSSL::Digest.new("sha1") # expect: rb-weak-hash
    token = Digest::SHA1.hexdigest("#{user.id}-#{Time.now.to_i}") # expect: rb-weak-hash

    etag = Digest::MD5.hexdigest(body) # ok: rb-weak-hash
    fresh_when(etag: Digest::MD5.hexdigest(@post.updated_at.to_s)) # ok: rb-weak-hash
    good = OpenSSL::Digest::SHA256.hexdigest(data) # ok: rb-weak-hash
    hits = Rails.cache.fetch("search/#{Digest::MD5.hexdigest(params[:q].to_s)}") { search } # ok: rb-weak-hash
    strong = OpenSSL::Digest.new("sha256") # ok: rb-weak-hash
    pw = Digest::MD5.hexdigest(password) # expect: rb-weak-password-hash
    [sig, mac, d, token, etag, good, strong, pw]
  end

  def gravatar_url(email)
    "https://www.gravatar.com/avatar/#{Digest::MD5.hexdigest(email.downcase)}" # ok: rb-weak-hash
  end

  def encrypt(data, key)
    c1 = OpenSSL::Cipher.new("des-ede3-cbc") # expect: rb-weak-cipher
    c2 = OpenSSL::Cipher.new("aes-128-ecb") # expect: rb-weak-cipher
    c3 = OpenSSL::Cipher::AES.new(256, :ECB) # expect: rb-weak-cipher
    c4 = OpenSSL::Cipher::RC4.new # expect: rb-weak-cipher
    c5 = OpenSSL::Cipher.new("bf-cbc") # expect: rb-weak-cipher

    g1 = OpenSSL::Cipher.new("aes-256-gcm") # ok: rb-weak-cipher
    g2 = OpenSSL::Cipher::AES.new(256, :GCM) # ok: rb-weak-cipher
    g3 = OpenSSL::Cipher.new(cipher_name) # ok: rb-weak-cipher
    g4 = OpenSSL::Cipher.new("chacha20-poly1305") # ok: rb-weak-cipher
    [c1, c2, c3, c4, c5, g1, g2, g3, g4]
  end

  def keys
    rsa = OpenSSL::PKey::RSA.new(1024) # expect: rb-weak-key-size
    dsa = OpenSSL::PKey::DSA.generate(512) # expect: rb-weak-key-size
    old = OpenSSL::PKey::RSA.generate(2047) # expect: rb-weak-key-size
    ok = OpenSSL::PKey::RSA.new(3072) # ok: rb-weak-key-size
    loaded = OpenSSL::PKey::RSA.new(File.read("key.pem")) # ok: rb-weak-key-size
    ec = OpenSSL::PKey::EC.generate("prime256v1") # ok: rb-weak-key-size
    [rsa, dsa, old, ok, loaded, ec]
  end
end

ActiveRecord::Base.establish_connection(adapter: "postgresql", host: "db", username: "app", password: "S3cr3t-2024") # expect: rb-hardcoded-credential
client = Mysql2::Client.new(host: "db", username: "root", password: "hunter22") # expect: rb-hardcoded-credential
redis = Redis.new(url: "redis://cache:6379", password: "redispass99") # expect: rb-hardcoded-credential
token = JWT.encode({ sub: 1 }, "my-signing-key-123", "HS256") # expect: rb-hardcoded-credential
creds = Aws::Credentials.new("AKIDQ4TZ7M2KXW", "q9Zr7LmN2pX4vT8sK1wY6bH3jF5dG0cA") # expect: rb-hardcoded-credential
db = Sequel.connect("postgres://app:hunter22@db/shop") # expect: rb-hardcoded-credential
Rails.application.config.action_mailer.smtp_settings = { address: "smtp.example.com", user_name: "mailer", password: "mailpass1" } # expect: rb-hardcoded-credential

ActiveRecord::Base.establish_connection(adapter: "postgresql", password: ENV.fetch("DB_PASSWORD")) # ok: rb-hardcoded-credential
client2 = Mysql2::Client.new(host: "db", username: "root", password: Rails.application.credentials.db_password) # ok: rb-hardcoded-credential
redis2 = Redis.new(password: "<redis-password>") # ok: rb-hardcoded-credential
token2 = JWT.encode({ sub: 1 }, ENV["JWT_SECRET"], "HS256") # ok: rb-hardcoded-credential
user = User.create(email: "a@example.com", password: "password123") # ok: rb-hardcoded-credential
db2 = Sequel.connect(ENV.fetch("DATABASE_URL")) # ok: rb-hardcoded-credential
local = Mysql2::Client.new(host: "db", username: "root", password: "") # ok: rb-hardcoded-credential
pg = PG.connect(dbname: "shop", password: "your_password") # ok: rb-hardcoded-credential

def current_claims(token, key)
  a = JWT.decode(token, nil, false) # expect: rb-jwt-unverified
  b = JWT.decode(token, key, true, algorithm: "none") # expect: rb-jwt-unverified
  c = JSON.parse(Base64.urlsafe_decode64(token.split(".")[1])) # expect: rb-jwt-unverified
  d = JWT.decode(token, key, true, algorithm: "HS256") # ok: rb-jwt-unverified
  e = JWT.decode(token, key) # ok: rb-jwt-unverified
  f = JSON.parse(Base64.urlsafe_decode64(params[:state])) # ok: rb-jwt-unverified
  g = JWT.decode(token, nil, true, algorithms: ["RS256"], jwks: jwks) # ok: rb-jwt-unverified
  [a, b, c, d, e, f, g]
end
