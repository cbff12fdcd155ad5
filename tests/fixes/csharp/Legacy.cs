using System.Security.Cryptography;

public class Legacy
{
    // DES needs a new key, IV and mode, not a one-word change: guidance only.
    public SymmetricAlgorithm Cipher()
    {
        return DES.Create();
    }
}
