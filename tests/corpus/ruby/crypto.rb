require "digest"
require "net/http"

class Account
  def store_password(password)
    self.password_digest = Digest::MD5.hexdigest(password) # expect: rb-weak-password-hash
    self.legacy = Digest::SHA1.hexdigest(salt + password) # expect: rb-weak-password-hash
    self.other = Digest::SHA256.hexdigest(params[:new_password]) # expect: rb-weak-password-hash
    self.good = BCrypt::Password.create(password) # ok: rb-weak-password-hash
    self.etag = Digest::MD5.hexdigest(body) # ok: rb-weak-password-hash
    self.checksum = Digest::SHA256.hexdigest(File.read(path)) # ok: rb-weak-password-hash
  end

  def make_tokens
    token = rand(36**20).to_s(36) # expect: rb-insecure-random
    self.reset_token = Random.new.rand(1_000_000) # expect: rb-insecure-random
    data = { api_key: ("a".."z").to_a.sample(32).join } # expect: rb-insecure-random
    secure = SecureRandom.hex(32) # ok: rb-insecure-random
    dice = rand(1..6) # ok: rb-insecure-random
    self.otp_code = (0..9).to_a.sample(6, random: SecureRandom).join # ok: rb-insecure-random
    color = %w[red blue].sample # ok: rb-insecure-random
    [token, data, secure, dice, color]
  end

  def remember(user)
    cookies.permanent[:remember_me] = rand(10**20).to_s # expect: rb-insecure-random, rb-cookie-insecure
    cookies[:visitor] = { value: Random.new.bytes(16).unpack1("H*"), httponly: true } # expect: rb-insecure-random
    response.set_cookie("sid", value: rand(36**24).to_s(36)) # expect: rb-insecure-random
    user.update(remember_digest: ("a".."z").to_a.shuffle.join) # expect: rb-insecure-random
    cookies.permanent[:remember_me] = { value: SecureRandom.urlsafe_base64(32), httponly: true, secure: true } # ok: rb-insecure-random
    cookies[:banner] = %w[a b].sample # expect: rb-insecure-random
    user.update(last_seen_bucket: rand(10)) # ok: rb-insecure-random
    sleep(rand(0.1..0.5)) # ok: rb-insecure-random
    @quiz = questions.shuffle # ok: rb-insecure-random
  end

  def session_id
    Kernel.rand.to_s # expect: rb-insecure-random
  end

  def fetch(uri)
    http = Net::HTTP.new(uri.host, uri.port)
    http.verify_mode = OpenSSL::SSL::VERIFY_NONE # expect: rb-tls-verify-disabled
    Net::HTTP.start(uri.host, uri.port, use_ssl: true, verify_mode: OpenSSL::SSL::VERIFY_NONE) # expect: rb-tls-verify-disabled
    conn = Faraday.new(url: uri.to_s, ssl: { verify: false }) # expect: rb-tls-verify-disabled
    http.verify_mode = OpenSSL::SSL::VERIFY_PEER # ok: rb-tls-verify-disabled
    ok = Faraday.new(url: uri.to_s, ssl: { verify: true }) # ok: rb-tls-verify-disabled
    warn("insecure") if http.verify_mode == OpenSSL::SSL::VERIFY_NONE # ok: rb-tls-verify-disabled
    [conn, ok]
  end
end
