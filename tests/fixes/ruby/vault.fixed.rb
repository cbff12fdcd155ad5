require "openssl"

class Vault
  def seal(data)
    cipher = OpenSSL::Cipher.new("aes-256-cbc")
    cipher.encrypt
    key = cipher.random_key
    iv = cipher.random_iv
    [key, iv, cipher.update(data) + cipher.final]
  end

  def legacy(data, key)
    cipher = OpenSSL::Cipher.new("bf-cbc")
    cipher.encrypt
    cipher.key = key
    cipher.update(data) + cipher.final
  end
end
